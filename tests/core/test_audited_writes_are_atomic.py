"""Every public service that writes an audit entry runs in one transaction.

`audit_log` refuses to run outside a transaction, but only when it is called: a service whose
``@transaction.atomic`` was lost (moved onto a neighbouring function by a merge, say) still
passes every test that runs inside the test case's own transaction, and fails in production.
This reads the source instead, so the loss shows at once. Private helpers (a leading underscore)
are called from services that hold the transaction and are left out.
"""

import ast
from pathlib import Path

import ipdev

AUDIT_CALLS = {"audit_log", "audited"}


def _atomic(node: ast.AST) -> bool:
    return "atomic" in ast.unparse(node)


def _unguarded_audit_calls(path: Path) -> list[str]:
    found: list[str] = []

    def visit(node: ast.AST, guarded: bool, function: str | None) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            guarded = any(_atomic(d) for d in node.decorator_list)
            function = node.name
        elif isinstance(node, ast.With) and any(_atomic(i.context_expr) for i in node.items):
            guarded = True
        elif isinstance(node, ast.Call):
            name = ast.unparse(node.func).rsplit(".", 1)[-1]
            if (
                name in AUDIT_CALLS
                and not guarded
                and function
                and not function.startswith("_")
                and function not in AUDIT_CALLS
            ):
                found.append(f"{path}:{node.lineno} {function}()")
        for child in ast.iter_child_nodes(node):
            visit(child, guarded, function)

    visit(ast.parse(path.read_text(encoding="utf-8")), False, None)
    return found


def test_every_public_service_that_audits_holds_a_transaction():
    root = Path(ipdev.__file__).parent
    unguarded = [
        hit
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.parts
        for hit in _unguarded_audit_calls(path)
    ]
    assert not unguarded, "audit entries written outside a transaction:\n" + "\n".join(unguarded)


def test_the_check_finds_a_service_without_its_transaction(tmp_path):
    source = tmp_path / "services.py"
    source.write_text(
        "from django.db import transaction\n"
        "@transaction.atomic\n"
        "def kept(user):\n    audit_log(actor=user)\n"
        "def lost(user):\n    audit_log(actor=user)\n"
        "def scoped(user):\n    with transaction.atomic():\n        audit_log(actor=user)\n"
        "def _helper(user):\n    audit_log(actor=user)\n",
        encoding="utf-8",
    )
    assert _unguarded_audit_calls(source) == [f"{source}:6 lost()"]
