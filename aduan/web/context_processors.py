from aduan.accounts.scopes import scope_of


def navigation(request):
    """What the header offers this visitor: the office link only to staff."""
    scope = scope_of(getattr(request, "user", None))
    return {"nav_scope": scope, "nav_is_staff": scope.is_staff}
