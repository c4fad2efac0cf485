"""Project-wide middleware."""

from django.conf import settings
from django.utils import translation


class DefaultLanguageMiddleware:
    """Vietnamese unless the visitor chose otherwise with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would
    show English to every official whose browser is set up in English. Here only
    the language cookie written by the switch (django.views.i18n.set_language)
    overrides LANGUAGE_CODE.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class ContentSecurityPolicyMiddleware:
    """Sends the Content Security Policy of settings.CONTENT_SECURITY_POLICY on every response.

    The pages load scripts, styles, fonts and images from the portal only and carry no inline script,
    handler or style attribute (static/js/actions.js does what inline handlers did), so the policy is
    strict: nothing inline, nothing from elsewhere, no framing. A fixed header needs no library."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(f"{name} {value}" for name, value in settings.CONTENT_SECURITY_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
