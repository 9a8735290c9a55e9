"""`{% fixed a b %}…{% endfixed %}`: a part of a page drawn once per language and values.

Much of a page is the same for every visitor who reads it in one language: the navigation, the
footer, the search help. Drawing it through the template engine on every request costs more
than the results it surrounds. A `fixed` block is drawn the first time it is needed for a
language and the values named after the tag (resolved in the page's context: for example the
current page's name, or whether the visitor is signed in), then served as drawn.

What goes inside must depend on nothing else: no data, no user, no address, no CSRF token. The
drawings live on the template's own node, so an edited template (reloaded in development) starts
afresh, and each node keeps at most `LIMIT` of them.
"""

from __future__ import annotations

import weakref

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

LIMIT = 512  # drawings per block: per language, the values named (page name, signed in)
_NODES: weakref.WeakSet[FixedNode] = weakref.WeakSet()


class FixedNode(template.Node):
    def __init__(self, nodelist: template.NodeList, vary: list[template.base.FilterExpression]):
        self.nodelist = nodelist
        self.vary = vary
        self.drawn: dict[tuple, str] = {}
        _NODES.add(self)

    def render(self, context) -> str:
        key = (get_language(), *(v.resolve(context) for v in self.vary))
        try:
            return self.drawn[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key: never kept
            return self.nodelist.render(context)
        drawn = mark_safe(self.nodelist.render(context))
        if len(self.drawn) < LIMIT:
            self.drawn[key] = drawn
        return drawn


@register.tag("fixed")
def do_fixed(parser, token) -> FixedNode:
    vary = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    return FixedNode(nodelist, vary)


@receiver(setting_changed)
def forget(**_) -> None:
    """Every block is drawn again: what it showed may depend on the changed setting."""
    for node in list(_NODES):
        node.drawn.clear()
