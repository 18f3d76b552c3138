"""Where and by whom the catalogue is published: the settings a deployment must give."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from urbankg.catalog.errors import CatalogError
from urbankg.catalog.vocab import Labels
from urbankg.settings import Settings


@dataclass(frozen=True)
class Deployment:
    """What the catalogue needs to know about where and by whom it is published."""

    public: str
    publisher_iri: str
    publisher_names: Labels
    publisher_type: str
    contact_email: str | None
    contact_url: str | None
    licence: str

    @classmethod
    def from_settings(cls, settings: Settings, public_url: str | None = None) -> Deployment:
        """Take the deployment from ``settings``; ``public_url`` is used when none is set.

        Raises:
            CatalogError: a setting is missing or malformed (the message names it).
        """
        public = settings.public_url or public_url
        if not public:
            raise CatalogError("public_url is not set: give the public URL of the deployment")
        public = public.rstrip("/")
        if not public.startswith(("http://", "https://")) or "://" not in public[:9]:
            raise CatalogError(f"public_url must start with http:// or https://, got {public!r}")
        names = {
            "fi": settings.publisher_name_fi,
            "sv": settings.publisher_name_sv,
            "en": settings.publisher_name_en,
        }
        for lang, name in names.items():
            if not name or not name.strip():
                raise CatalogError(f"publisher_name_{lang} is empty: give the publisher's name")
        if not settings.contact_email and not settings.contact_url:
            raise CatalogError("set contact_email or contact_url (the catalogue's contact point)")
        return cls(
            public=public,
            publisher_iri=settings.publisher_iri,
            publisher_names=names,
            publisher_type=settings.publisher_type,
            contact_email=settings.contact_email,
            contact_url=settings.contact_url,
            licence=settings.licence,
        )

    @property
    def document(self) -> str:
        """The URL of the catalogue document (``/catalog``)."""
        return f"{self.public}/catalog"

    def fingerprint(self) -> str:
        """A short digest of everything here (part of the catalogue's ETag)."""
        return hashlib.sha256(repr(self).encode()).hexdigest()[:16]
