from pathlib import Path

import pytest

from kizuna.errors import KizunaError
from kizuna.settings import SETTINGS_DOC, load_settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_defaults_follow_xdg(tmp_path: Path) -> None:
    s = load_settings({"XDG_DATA_HOME": str(tmp_path)})
    assert s.data_dir == tmp_path / "kizuna"
    assert s.database_url == f"sqlite:///{tmp_path / 'kizuna' / 'kizuna.db'}"
    assert s.is_default_database


def test_the_database_url_overrides_the_default() -> None:
    s = load_settings({"KIZUNA_DATABASE_URL": "postgresql+psycopg://u@h/db"})
    assert s.database_url == "postgresql+psycopg://u@h/db"
    assert not s.is_default_database


def test_bad_values_are_rejected() -> None:
    with pytest.raises(KizunaError) as info:
        load_settings({"KIZUNA_MAX_FILE_BYTES": "lots"})
    assert info.value.code == "K040"


def test_every_setting_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [name for name in SETTINGS_DOC if name not in text]
    assert missing == []
