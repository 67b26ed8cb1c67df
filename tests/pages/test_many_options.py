"""The link form's select of every eligible input is written by forum/core/many_options.py,
not by WTForms option by option (two thirds of a co-chair's commitment page at 10,000
proposals): the bytes must be the ones WTForms writes, quotes, ampersands and the selected
option included, grouped or not."""
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.widgets import Select

from forum.core.forms import options
from forum.core.many_options import ManyOptions

CHOICES = {"Propuestas": options([("proposal:1", 'Agua "limpia" & <segura>'), ("proposal:2", "Bosques")]),
           "Comentarios": options([("comment:3", "Sí, pero con plazos"), ("comment:4", "")])}


def test_many_options_are_written_as_wtforms_writes_them(app):
    class Form(FlaskForm):
        grouped = SelectField(widget=ManyOptions())  # choices set as the link form's are
        flat = SelectField(choices=options([(i, f"#{i} <b>") for i in range(5)]), widget=ManyOptions())

    with app.test_request_context(method="POST", data={"grouped": "proposal:2", "flat": "3"}):
        form = Form(meta={"csrf": False})
        form.grouped.choices = CHOICES
        form.grouped.process_data("proposal:2")
        for field in (form.grouped, form.flat):
            assert str(field()) == str(Select()(field))
            assert str(field(class_="wide")) == str(Select()(field, class_="wide"))
        assert 'selected value="proposal:2"' in str(form.grouped())
