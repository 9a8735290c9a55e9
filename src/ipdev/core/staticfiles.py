"""Static files with their content's hash in their names, compressed, cached for a year.

`collectstatic` writes `app.<hash>.css` and a manifest; pages then link the fingerprinted name,
which WhiteNoise serves with a far-future, immutable cache header. Before `collectstatic` has run
(tests, development with WHITENOISE_USE_FINDERS) a file has no fingerprint yet and is linked by
its plain name, served from the apps' folders.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class FingerprintedStatic(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:  # not collected yet: the plain name, served by the finders
            return name
