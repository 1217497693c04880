"""Session authentication."""


def require_user(token: str) -> str:
    if not token:
        raise PermissionError("missing token")
    return token
