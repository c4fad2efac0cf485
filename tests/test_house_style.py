"""The house style (STYLE.md) checked on the source, so it stays true as the code grows."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = [
    "danvan", "petitions", "reception", "supervision", "democracy", "mediation", "dialogues", "documents", "api",
    "dashboard", "demo",
]  # fmt: skip
THIN_MODULES = {"views.py", "forms.py", "admin.py", "tasks.py"}
WRITES = {"save", "create", "bulk_create", "get_or_create", "update_or_create", "delete"}


def production_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def thin_modules():
    """views.py, forms.py, admin.py, tasks.py, and the modules of views/ (etc.) packages."""
    for path in production_modules():
        if path.name in THIN_MODULES or path.parent.name in {name.removesuffix(".py") for name in THIN_MODULES}:
            yield path


def _writes_in(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            receiver = ast.unparse(node.func.value)
            if node.func.attr == "save" or receiver.endswith("objects") or ".objects." in receiver:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node.func)}(…)")
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        )
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == "status":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(target)} = …")
    return found


def test_there_are_thin_modules_to_check():
    names = {str(path.relative_to(ROOT)) for path in thin_modules()}
    assert {"petitions/views.py", "reception/admin.py", "danvan/alerts/tasks.py"} <= names


def test_views_forms_admin_and_tasks_never_write_a_record():
    """Every write goes through a service, which locks, checks, saves and writes the history row."""
    found = [line for path in thin_modules() for line in _writes_in(path)]
    assert found == []


def test_the_check_finds_a_write():
    sample = ROOT / "var" / "house_style_sample.py"
    sample.parent.mkdir(exist_ok=True)
    sample.write_text("def view(item):\n    item.status = 'x'\n    item.save()\n    Thing.objects.create(a=1)\n")
    try:
        assert len(_writes_in(sample)) == 3
    finally:
        sample.unlink()


@pytest.mark.parametrize("path", list(production_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_production_module_is_over_500_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500


TREE_ARITHMETIC = re.compile(r"path__(startswith|in|istartswith)|(?<!request)(?<!sys)(?<!self)\.path\.split|\.path\[")


def test_only_orgunits_knows_how_the_tree_is_stored():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in production_modules()
        if "orgunits" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if TREE_ARITHMETIC.search(line)
    ]
    assert found == []


def test_one_domain_error_and_one_transition_check():
    """Apps raise danvan.workflow.DomainError (or a subclass) and never define their own base."""
    found = []
    for path in production_modules():
        if path == ROOT / "danvan" / "workflow.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(ast.unparse(base) == "Exception" for base in node.bases):
                found.append(f"{path.relative_to(ROOT)}: {node.name}")
            if isinstance(node, ast.FunctionDef) and node.name in {"check", "check_transition"}:
                found.append(f"{path.relative_to(ROOT)}: def {node.name}")
    assert found == []


def test_every_field_is_labelled_for_people():
    """The admin and the forms show a field's verbose_name; Django's default is its English code name."""
    from django.apps import apps

    project = {"accounts", "orgunits", "workdays", "notifications", "alerts", "history", "dashboard", "ops"} | {
        "petitions", "reception", "supervision", "democracy", "mediation", "dialogues", "documents", "api",
        "messaging",
    }  # fmt: skip
    unlabelled = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in project
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and not field.auto_created
        and str(field.verbose_name) == field.name.replace("_", " ")
        # The dashboard's summary tables are internal aggregates, shown in no admin page or form.
        and not model._meta.label.endswith("Summary")
    ]
    assert unlabelled == []
