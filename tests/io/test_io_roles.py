"""Role words: the data file validates, lookups ignore case and accents, callers extend the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from egoscope.errors import ConfigError, RuleFileError
from egoscope.io.roles import ROLES_FILE, builtin_roles, fold, load_roles, role_table


@pytest.mark.parametrize("word, folded", [
    ("Conseillère", "conseillere"), ("  SERVICE   Client ", "service client"), ("télé-conseiller", "tele conseiller"),
    ("service_clientèle", "service clientele"), ("Opératrice", "operatrice"),
])
def test_fold(word: str, folded: str) -> None:
    assert fold(word) == folded


@pytest.mark.parametrize("label, speaker", [
    ("Agent", "agent"), ("Conseiller", "agent"), ("conseillere", "agent"), ("Vendeur", "agent"),
    ("Vendeuse", "agent"), ("Caissier", "agent"), ("Caissière", "agent"), ("Support", "agent"),
    ("Opérateur", "agent"), ("Opératrice", "agent"), ("Service client", "agent"), ("Téléconseiller", "agent"),
    ("Client", "customer"), ("Cliente", "customer"), ("Customer", "customer"), ("Appelant", "customer"),
    ("Appelante", "customer"), ("Usager", "customer"),
    ("Conseillère Julie", "agent"), ("Client 2", "customer"), ("Robot", None), ("", None), ("Clients", None),
])
def test_builtin_lookup(label: str, speaker: str | None) -> None:
    assert builtin_roles().lookup(label) == speaker


@pytest.mark.parametrize("path", [ROLES_FILE])
def test_data_file_records_source_and_licence(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "source:" in text and "licence:" in text


@pytest.mark.parametrize("calls", [3])
def test_builtin_table_is_loaded_once(calls: int) -> None:
    assert len({id(builtin_roles()) for _ in range(calls)}) == 1
    assert role_table(None) is builtin_roles()


@pytest.mark.parametrize("content, field, message", [
    ("source: s\nlicence: l\nspeakers:\n  agent: [agent]\n", "speakers.customer", "Field required"),
    ("source: s\nlicence: l\nspeakers:\n  agent: [Client]\n  customer: [client]\n", "speakers.customer",
     "'client' is listed for both agent and customer"),
    ("source: s\nlicence: l\nspeakers:\n  agent: [agent]\n  customer: [client]\n  bot: [robot]\n", "speakers.bot",
     "Extra inputs are not permitted"),
    ("licence: l\nspeakers:\n  agent: [agent]\n  customer: [client]\n", "source", "Field required"),
    ("source: s\nlicence: l\nspeakers:\n  agent: [' ']\n  customer: [client]\n", "speakers.agent", "empty role word"),
    ("source: s\nlicence: l\nspeakers:\n  agent: [agent]\n  customer: [3]\n", "speakers.customer.0", "valid string"),
    ("source: [\n", None, "invalid YAML"),
])
def test_bad_roles_file(tmp_path: Path, content: str, field: str | None, message: str) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_roles(path)
    assert (caught.value.file, caught.value.field) == (str(path), field)
    assert message in caught.value.message


@pytest.mark.parametrize("extra, label, speaker", [
    ({"Technicien": "agent"}, "technicien", "agent"),
    ({"Abonnée": "Customer"}, "ABONNEE", "customer"),
    ({"Support": "customer"}, "Support", "customer"),
    ({"Client": "customer"}, "Client", "customer"),
])
def test_custom_roles(extra: dict[str, str], label: str, speaker: str) -> None:
    table = role_table(extra)
    assert table.lookup(label) == speaker
    assert builtin_roles().lookup("Support") == "agent"  # the built-in table is never changed


@pytest.mark.parametrize("extra, listed, not_listed", [
    ({"Support": "customer"}, "customer: customer, client, cliente, appelant, appelante, usager, usagère, Support",
     "opératrice, support"),
])
def test_custom_roles_move_between_lists(extra: dict[str, str], listed: str, not_listed: str) -> None:
    message = role_table(extra).unknown("Robot")
    assert listed in message and not_listed not in message


@pytest.mark.parametrize("extra, message", [
    ({"Bot": "robot"}, "roles['Bot']: 'robot' is not a speaker; valid: agent, customer"),
    ({" ": "agent"}, "roles: empty role word"),
])
def test_bad_custom_roles(extra: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        role_table(extra)
    assert message in str(caught.value)
