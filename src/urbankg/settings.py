"""Settings, from environment variables (``URBANKG_*``) and an optional TOML config file.

Precedence: explicit arguments > environment variables > config file (``URBANKG_CONFIG`` or
``./urbankg.toml``) > defaults. Tests build a ``Settings`` object directly and inject it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_BASE = "https://w3id.org/urbankg/id/"

#: The EU authority-table IRI of Creative Commons Attribution 4.0 International.
CC_BY_4_0 = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"

#: The publisher types of the ADMS vocabulary (``http://purl.org/adms/publishertype/…``).
PublisherType = Literal[
    "Academia-ScientificOrganisation",
    "Company",
    "IndustryConsortium",
    "LocalAuthority",
    "NationalAuthority",
    "NonGovernmentalOrganisation",
    "NonProfitOrganisation",
    "PrivateIndividual(s)",
    "RegionalAuthority",
    "StandardisationBody",
    "SupraNationalAuthority",
]


_URL = re.compile(r"^https?://[^\s/?#@]+(/[^\s]*)?$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


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
    query_workers: int = Field(
        0, ge=0, description="Processes answering queries (0 = one per core, at least 2)."
    )
    max_result_bytes: int = Field(
        256 * 2**20, gt=0, description="Largest serialised query result, in bytes."
    )
    access_log: bool = Field(True, description="Write a JSON-lines access log to stderr.")
    result_cache_entries: int = Field(
        256, ge=0, description="Query results kept until the data changes (0 = no cache)."
    )
    # ---- the DCAT-AP catalogue (docs/catalog.md) ---------------------------------------------
    public_url: str | None = Field(
        None,
        description="Public URL of the deployment, e.g. https://data.example.fi (default: the "
        "URL a request came in on; for the command line http://HOST:PORT).",
    )
    publisher_name_fi: str = Field("urbankg-projekti", description="Publisher name in Finnish.")
    publisher_name_sv: str = Field("urbankg-projektet", description="Publisher name in Swedish.")
    publisher_name_en: str = Field("The urbankg project", description="Publisher name in English.")
    publisher_iri: str = Field("https://w3id.org/urbankg", description="IRI of the publisher.")
    publisher_type: PublisherType = Field(
        "NonProfitOrganisation", description="ADMS publisher type of the publisher."
    )
    contact_email: str | None = Field(None, description="Contact e-mail of the catalogue.")
    contact_url: str | None = Field(
        "https://w3id.org/urbankg", description="Contact web page of the catalogue."
    )
    licence: str = Field(CC_BY_4_0, description="IRI of the licence of the data.")
    catalog_shapes: Path | None = Field(
        None, description="Folder of the DCAT-AP 3.0.1 SHACL shapes for `catalog --validate`."
    )

    @field_validator("base")
    @classmethod
    def _check_base(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"base must be an http(s) IRI, got {value!r}")
        if not value.endswith(("/", "#")):
            raise ValueError(f"base must end with '/' or '#', got {value!r}")
        return value

    @field_validator("public_url", "publisher_iri", "licence", "contact_url")
    @classmethod
    def _check_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        if not _URL.match(value):
            raise ValueError(
                f"{info.field_name} must be an absolute http:// or https:// URL with a host and "
                f"no spaces, got {value!r}"
            )
        return value.rstrip("/") if info.field_name == "public_url" else value

    @field_validator("publisher_name_fi", "publisher_name_sv", "publisher_name_en")
    @classmethod
    def _check_name(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip() or value != value.strip() or any(c in value for c in "\r\n\t"):
            raise ValueError(
                f"{info.field_name} must be a non-empty one-line name without surrounding "
                f"spaces, got {value!r}"
            )
        return value

    @field_validator("contact_email")
    @classmethod
    def _check_email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise ValueError(f"contact_email must look like name@example.org, got {value!r}")
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
