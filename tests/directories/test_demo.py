"""The directories' demo data loads through the services, marked as demo, with suggestions that
carry proposed values (and loads once)."""

from ipdev.directories.demo import load_demo
from ipdev.directories.models import DatabaseReport, Register, Suggestion
from ipdev.directories.vocab import ST27


def test_demo_loads_once_with_suggestions_to_decide(db):
    summary = load_demo(seed=3)
    assert "2 suggestions" in summary
    assert not DatabaseReport.objects.filter(demo=False).exists()
    assert all(set(r.legal_status) <= set(ST27.values) for r in Register.objects.all())
    assert Suggestion.objects.get(entry="KE").proposed == {
        "search_tips": "The gazette is now under Publications (demo)."
    }
    assert load_demo(seed=3) == "Directories: demo data already present."
