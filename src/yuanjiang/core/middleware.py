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


class LanguageMiddleware:
    """Chinese unless the user picked another language (the language cookie set by
    /i18n/setlang/). The browser's Accept-Language is not consulted: an office PC with an
    English browser still gets the Chinese platform until its user chooses English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
