"""A select of thousands of options, written in one f-string per option.

A co-chair's commitment page offers every eligible input of the forum in its link forms:
4,400 options at 10,000 proposals. WTForms builds each option through `html_params` (a
sorted dict, a Markup per attribute, `str.format`): two thirds of the page's time
(bench/signed_in.py, cProfile). The options have no attributes but their value and whether
they are selected, so this writes those directly, escaped the same way; any option with
more falls back to WTForms' own."""
from markupsafe import escape
from wtforms.widgets import Select


class ManyOptions(Select):
    @classmethod
    def render_option(cls, choice, **kwargs):
        if choice.render_kw or kwargs or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""  # html_params sorts the attributes
        return f'<option {selected}value="{escape(choice.value)}">{escape(choice.label or choice.value)}</option>'
