"""The proposals' models: a criterion's name in the reader's language."""

from django.utils import translation

from proposals.models import Criterion


def test_a_criterion_is_named_in_russian_when_a_russian_name_is_given():
    criterion = Criterion(name="Relevance", name_ru="Актуальность")
    assert criterion.label("ru") == "Актуальность"
    assert criterion.label("en") == "Relevance"
    assert criterion.label("de") == "Relevance"
    with translation.override("ru"):
        assert criterion.label() == "Актуальность"


def test_a_criterion_without_a_russian_name_keeps_its_english_one():
    assert Criterion(name="Relevance").label("ru") == "Relevance"
