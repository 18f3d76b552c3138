"""Settings, from environment variables (``URBANKG_*``) and an optional TOML config file.

Precedence: explicit arguments > environment variables > config file (``URBANKG_CONFIG`` or
``./urbankg.toml``) > defaults. Tests build a ``Settings`` object directly and inject it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_BASE = "https://w3id.org/urbankg/id/"


def default_store_path() -> Path:
    """Return the default store directory: ``$XDG_DATA_HOME/urbankg/store``.

    ``XDG_DATA_HOME`` defaults to ``~/.local/share``.
    """
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "urbankg" / "store"


def _config_file() -> Path:
    return Path(os.environ.get("URBANKG_CONFIG", "urbankg.toml"))


class Settings(BaseSettings):
    """Every setting of urbankg. Environment variable: ``URBANKG_`` + upper-case field name."""

    model_config = SettingsConfigDict(env_prefix="URBANKG_", extra="forbid")

    store: Path = Field(default_factory=default_store_path, description="Store directory.")
    base: str = Field(DEFAULT_BASE, description="Base IRI of instances (ends with / or #).")
    host: str = Field("127.0.0.1", description="Host the server binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port the server binds to.")
    query_timeout: float = Field(30.0, gt=0, description="Per-query time limit in seconds.")
    max_result_rows: int = Field(100_000, gt=0, description="Most rows a query may return.")
    max_query_bytes: int = Field(100_000, gt=0, description="Longest accepted query text.")
    update_enabled: bool = Field(False, description="Accept SPARQL Update (with the token).")
    update_token: str | None = Field(None, description="Bearer token required for updates.")
    service_allowlist: list[str] = Field(
        default_factory=list, description="Endpoints federated SERVICE calls may reach."
    )
    workers: int = Field(0, ge=0, description="Validation worker processes (0 = one per core).")

    @field_validator("base")
    @classmethod
    def _check_base(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"base must be an http(s) IRI, got {value!r}")
        if not value.endswith(("/", "#")):
            raise ValueError(f"base must end with '/' or '#', got {value!r}")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Read init arguments, then the environment, then the TOML config file."""
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=_config_file()),
        )


def load_settings(**overrides: Any) -> Settings:
    """Build the settings, with ``overrides`` (e.g. from command-line options) taking precedence.

    Args:
        **overrides: setting values; ``None`` values are ignored.

    Returns:
        The settings.
    """
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
