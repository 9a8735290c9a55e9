"""`{% facet_options %}` writes what the former per-option include wrote, escaped the same way."""

from django.template import Context, Template
from django.utils.translation import gettext_lazy

from ipdev.activities.selectors import FacetOption
from ipdev.portal.templatetags.portal_facets import facet_options

# The markup of one option as a template writes it (the include this tag replaced).
AS_A_TEMPLATE = Template(
    '{% for option in options %}<li><input type="checkbox" id="f-{{ name }}-'
    '{{ option.value|slugify }}" name="{{ name }}" value="{{ option.value }}"'
    '{% if option.selected %} checked{% endif %}><label for="f-{{ name }}-'
    '{{ option.value|slugify }}">{{ option.label }} <span class="count">{{ option.count }}'
    "</span></label></li>{% endfor %}"
)

OPTIONS = [
    FacetOption("KE", "Kenya", 1234, True),
    FacetOption("CI", gettext_lazy("Côte d'Ivoire"), 7, False),
    FacetOption('"><script>x</script>', "<b>&amp;</b>", 0, False),
    FacetOption(2021, "2021", 3, False),
]


def test_the_options_are_written_as_the_template_wrote_them():
    expected = AS_A_TEMPLATE.render(Context({"options": OPTIONS, "name": "country"}))
    assert facet_options(OPTIONS, "country") == expected


def test_hostile_values_and_labels_are_escaped():
    written = facet_options(OPTIONS[2:3], "country")
    assert "<script>" not in written and "<b>" not in written
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in written


def test_a_directory_facet_option_is_written_the_same_way():
    from ipdev.directories.faceting import Option

    assert facet_options([Option("ongoing", "Ongoing", 8, True)], "status") == (
        '<li><input type="checkbox" id="f-status-ongoing" name="status" value="ongoing" checked>'
        '<label for="f-status-ongoing">Ongoing <span class="count">8</span></label></li>'
    )
