"""Brute-force protection: failed sign-ins counted in Redis per account *from one address*,
and per address over all accounts.

A fixed window per key: after N failures the key answers 429 with the seconds left, until the
window ends (OWASP ASVS V6.3). The account counter is per address on purpose: an attacker who
knows someone's e-mail can lock that account only for their own address, never for its owner
signing in from elsewhere (a lockout would be a denial of service). Guessing from many
addresses is bounded by the per-address limit of each, bcrypt's cost and the refusal of
common passwords.
"""

from __future__ import annotations

import hashlib

import redis

from backend_services.kernel.errors import RateLimited


class LoginThrottle:
    def __init__(self, client: redis.Redis, *, per_account: int, per_ip: int, window_seconds: int):
        self._redis = client
        self.per_account, self.per_ip, self.window = per_account, per_ip, window_seconds

    @staticmethod
    def _keys(email: str, ip: str) -> tuple[str, str]:
        account = hashlib.sha256(f"{email}\n{ip}".encode()).hexdigest()[:32]
        return f"auth:fail:acct-ip:{account}", f"auth:fail:ip:{ip}"

    def check(self, email: str, ip: str) -> None:
        """Raise RateLimited while either counter is over its limit."""
        account_key, ip_key = self._keys(email, ip)
        pipe = self._redis.pipeline()
        pipe.get(account_key).ttl(account_key).get(ip_key).ttl(ip_key)
        account, account_ttl, by_ip, ip_ttl = pipe.execute()
        waits = []
        if account is not None and int(account) >= self.per_account:
            waits.append(int(account_ttl))
        if by_ip is not None and int(by_ip) >= self.per_ip:
            waits.append(int(ip_ttl))
        if waits:
            retry_after = max(1, max(waits))
            raise RateLimited("Too many failed sign-ins. Try again later.", retry_after=retry_after)

    def record_failure(self, email: str, ip: str) -> None:
        pipe = self._redis.pipeline()
        for key in self._keys(email, ip):
            pipe.incr(key).expire(key, self.window, nx=True)
        pipe.execute()

    def record_success(self, email: str, ip: str) -> None:
        self._redis.delete(self._keys(email, ip)[0])
