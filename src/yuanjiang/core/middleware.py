from .changelog import change_context
from .choices import ChangeSource


class ChangeContextMiddleware:
    """Open a change context per request, so writes are logged with the signed-in user.

    The user is read from the request when a change is recorded, so API token users (who are
    authenticated inside the view) are recorded as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/api/"):
            source = ChangeSource.API
        elif path.startswith("/admin/"):
            source = ChangeSource.ADMIN
        else:
            source = ChangeSource.WEB
        with change_context(source=source, request=request) as ctx:
            request.request_id = ctx.request_id
            response = self.get_response(request)
        response["X-Request-ID"] = str(ctx.request_id)
        return response
