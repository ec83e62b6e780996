"""Building and trying a database URL for the connection dialog (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.models.db import open_url

KINDS = ("sqlite", "postgresql", "mysql")
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306}


@dataclass(frozen=True)
class ConnectionSettings:
    kind: str  # sqlite / postgresql / mysql
    path: str = ""  # SQLite file
    host: str = ""
    port: int | None = None
    database: str = ""
    user: str = ""
    password: str = ""
    sslmode: str = ""  # PostgreSQL: disable / prefer / require / verify-full

    def url(self) -> str:
        if self.kind == "sqlite":
            if not self.path.strip():
                raise ValidationError("path", QT_TRANSLATE_NOOP("Errors", "請選擇資料庫檔案。"))
            return "sqlite:///" + self.path.strip()
        if self.kind not in KINDS:
            raise ValueError(self.kind)
        if not self.host.strip():
            raise ValidationError("host", QT_TRANSLATE_NOOP("Errors", "請填寫伺服器位址。"))
        if not self.database.strip():
            raise ValidationError("database", QT_TRANSLATE_NOOP("Errors", "請填寫資料庫名稱。"))
        auth = ""
        if self.user.strip():
            auth = quote(self.user.strip(), safe="")
            if self.password:
                auth += ":" + quote(self.password, safe="")
            auth += "@"
        port = f":{self.port}" if self.port else ""
        url = f"{self.kind}://{auth}{self.host.strip()}{port}/{quote(self.database.strip(), safe='')}"
        if self.kind == "postgresql" and self.sslmode:
            url += f"?sslmode={self.sslmode}"
        return url

    @classmethod
    def from_url(cls, url: str) -> ConnectionSettings:
        if not url or url.startswith("sqlite:"):
            return cls("sqlite", path=url.split("sqlite:///", 1)[-1] if url else "")
        parts = urlsplit(url)
        kind = "postgresql" if parts.scheme.startswith("postgres") else "mysql"
        query = parse_qs(parts.query)
        return cls(
            kind,
            host=parts.hostname or "",
            port=parts.port,
            database=unquote(parts.path.lstrip("/")),
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            sslmode=(query.get("sslmode") or [""])[0],
        )


def try_connection(url: str) -> str:
    """Open ``url`` on a separate connection, ask the server its version, close.  Returns the
    version text; raises the driver's error when it cannot connect."""
    kwargs = {"connect_timeout": 5} if not url.startswith("sqlite:") else {}
    db = open_url(url, **kwargs)
    try:
        db.connect()
        if url.startswith("sqlite:"):
            return "SQLite " + db.execute_sql("SELECT sqlite_version()").fetchone()[0]
        return str(db.execute_sql("SELECT VERSION()").fetchone()[0])
    finally:
        if not db.is_closed():
            db.close()
