"""Who may write, and forms that cannot be forged.

* Writing (uploading a document, confirming or rejecting a fact) needs the operator's token,
  ``KIZUNA_API_TOKEN``: as ``Authorization: Bearer …`` on the API, as a password field on the
  forms. Without a configured token the site is read-only. Tokens are compared in constant time.
* Forms carry a signed double-submit CSRF token: a random value in a ``SameSite=Strict``,
  ``HttpOnly`` cookie, and the same value with its HMAC (keyed by a per-process secret) in a
  hidden field. A cross-site page can neither read the cookie nor forge the signature.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request

from kizuna.settings import Settings

CSRF_COOKIE = "kizuna_csrf"
CSRF_FIELD = "csrf_token"


class Guard:
    def __init__(self, settings: Settings, secret: bytes | None = None) -> None:
        self.settings = settings
        self._secret = secret or secrets.token_bytes(32)

    @property
    def writable(self) -> bool:
        return bool(self.settings.api_token)

    def check_token(self, presented: str | None) -> None:
        """Raise 403 on a read-only site, 401 for a missing or wrong token."""
        expected = self.settings.api_token
        if not expected:
            raise HTTPException(403, "this site is read-only: the operator has not set "
                                     "KIZUNA_API_TOKEN")
        if not presented or not hmac.compare_digest(presented.encode(), expected.encode()):
            raise HTTPException(401, "a valid API token is required to write",
                                headers={"WWW-Authenticate": "Bearer"})

    # -- CSRF -----------------------------------------------------------------------------------

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._secret, nonce.encode(), hashlib.sha256).hexdigest()

    def csrf_nonce(self, request: Request) -> tuple[str, bool]:
        """The request's CSRF cookie value, or a new one (and True: it must be set)."""
        nonce = request.cookies.get(CSRF_COOKIE, "")
        if len(nonce) == 43 and nonce.replace("-", "").replace("_", "").isalnum():
            return nonce, False
        return secrets.token_urlsafe(32), True

    def csrf_field(self, nonce: str) -> str:
        return f"{nonce}.{self._sign(nonce)}"

    def check_csrf(self, request: Request, field: str | None) -> None:
        cookie = request.cookies.get(CSRF_COOKIE)
        if not cookie or not field or "." not in field:
            raise HTTPException(403, "the form's CSRF token is missing: reload the page")
        nonce, signature = field.rsplit(".", 1)
        if not (hmac.compare_digest(nonce, cookie)
                and hmac.compare_digest(signature, self._sign(nonce))):
            raise HTTPException(403, "the form's CSRF token is invalid: reload the page")
