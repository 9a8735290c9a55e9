"""Survey statistics: pure functions, no database."""

from decimal import Decimal as D

from ipdev.evaluation import stats


def test_response_rate_is_a_percentage_of_invitations():
    assert stats.response_rate(8, 6) == D("75.0")
    assert stats.response_rate(3, 1) == D("33.3")
    assert stats.response_rate(0, 0) is None


def test_question_results():
    ratings = [D(5), D(4), D(4), None]
    assert stats.question_result("rating", ratings) == D("4.33")
    assert stats.question_result("yes_no", [D(1), D(0), D(1), D(1)]) == D("75.0")
    assert stats.question_result("number", [D("2.5"), D(3)]) == D("5.5")
    assert stats.question_result("text", [D(1)]) is None
    assert stats.question_result("rating", []) is None


def test_rating_distribution_covers_the_scale():
    assert stats.distribution([D(5), D(5), D(2)]) == {1: 0, 2: 1, 3: 0, 4: 0, 5: 2}
