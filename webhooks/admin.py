"""Staff register webhook endpoints and read every delivery's log (read-only)."""

import json
from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from webhooks.endpoints import save_endpoint
from webhooks.forms import EndpointForm
from webhooks.models import Delivery, Endpoint, EventType
from webhooks.services import resend

SHOW_SECRET = "webhooks-show-secret"  # noqa: S105 (a session key, not a secret)


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    change_form_template = "admin/webhooks/endpoint/change_form.html"
    change_list_template = "admin/webhooks/change_list.html"
    list_display = [
        "name",
        "url",
        "conference",
        "is_active",
        "event_list",
        "failing_since",
        "delivery_log",
    ]
    list_filter = ["is_active", "conference"]
    list_select_related = ["conference"]
    search_fields = ["name", "url"]
    readonly_fields = [
        "masked_secret",
        "failing_since",
        "disabled_at",
        "disabled_reason",
    ]
    fieldsets = [
        (None, {"fields": ["name", "url", "conference", "events", "is_active"]}),
        (
            _("Signing"),
            {"fields": ["masked_secret", "new_secret"]},
        ),
        (
            _("Failures"),
            {"fields": ["failing_since", "disabled_at", "disabled_reason"]},
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Endpoint]:
        return (
            super().get_queryset(request).annotate(delivery_count=Count("deliveries"))
        )

    def get_fieldsets(self, request: HttpRequest, obj: Endpoint | None = None) -> list:
        if obj is None:
            return [self.fieldsets[0]]
        return self.fieldsets

    @admin.display(description=_("events"))
    def event_list(self, endpoint: Endpoint) -> str:
        labels = dict(EventType.choices)
        return ", ".join(str(labels.get(name, name)) for name in endpoint.events)

    @admin.display(description=_("deliveries"))
    def delivery_log(self, endpoint: Endpoint) -> str:
        url = (
            reverse("admin:webhooks_delivery_changelist")
            + f"?endpoint__id__exact={endpoint.pk}"
        )
        return format_html('<a href="{}">{}</a>', url, endpoint.delivery_count)

    @admin.display(description=_("secret"))
    def masked_secret(self, endpoint: Endpoint) -> str:
        return f"{endpoint.secret[:10]}… " + str(_("(shown once, when it is made)"))

    def save_model(
        self, request: HttpRequest, obj: Endpoint, form: Any, change: bool
    ) -> None:
        save_endpoint(obj, new_secret_wanted=form.cleaned_data.get("new_secret", False))
        if not change or form.cleaned_data.get("new_secret"):
            request.session[SHOW_SECRET] = obj.pk

    def response_add(
        self, request: HttpRequest, obj: Endpoint, post_url_continue: str | None = None
    ) -> HttpResponse:
        """Open the new endpoint's page, where its secret is shown this once."""
        return HttpResponseRedirect(
            reverse("admin:webhooks_endpoint_change", args=[obj.pk])
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        context = dict(extra_context or {})
        if (
            str(request.session.get(SHOW_SECRET, "")) == str(object_id)
            and request.method == "GET"
        ):
            del request.session[SHOW_SECRET]
            endpoint = Endpoint.objects.filter(pk=object_id).first()
            if endpoint is not None:
                context["new_secret"] = endpoint.secret
        return super().change_view(request, object_id, form_url, context)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "when",
        "endpoint",
        "event_type",
        "outcome",
        "attempts",
        "short_error",
    ]
    change_list_template = "admin/webhooks/change_list.html"
    list_filter = ["status", "event_type", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["message_id", "last_error"]
    actions = ["resend_selected"]
    fields = [
        "endpoint",
        "message_id",
        "event_type",
        "object_id",
        "status",
        "attempts",
        "response_code",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "last_error",
        "payload_display",
    ]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Delivery | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: Delivery | None = None
    ) -> bool:
        return False

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("webhooks.change_delivery")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        context = {"title": _("Webhook delivery log"), **(extra_context or {})}
        return super().changelist_view(request, context)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        context = {"title": _("Webhook delivery"), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    @admin.display(description=_("time"), ordering="created_at")
    def when(self, delivery: Delivery) -> str:
        """The last attempt, else when the delivery was made."""
        moment = timezone.localtime(delivery.last_attempt_at or delivery.created_at)
        return date_format(moment, "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("status"), ordering="status")
    def outcome(self, delivery: Delivery) -> str:
        """The status, with the receiver's last answer (HTTP status code)."""
        status = delivery.get_status_display()
        if delivery.response_code is None:
            return status
        return f"{status} ({delivery.response_code})"

    @admin.display(description=_("last error"))
    def short_error(self, delivery: Delivery) -> str:
        error = delivery.last_error
        return error if len(error) <= 40 else error[:39] + "…"

    @admin.display(description=_("payload"))
    def payload_display(self, delivery: Delivery) -> str:
        if delivery.payload is None:
            return _("Built at the first attempt.")
        text = json.dumps(delivery.payload, ensure_ascii=False, indent=2)
        return format_html('<pre class="webhook-payload">{}</pre>', text)

    @admin.action(
        description=_("Re-send the selected deliveries"), permissions=["resend"]
    )
    def resend_selected(
        self, request: HttpRequest, queryset: QuerySet[Delivery]
    ) -> None:
        count = resend(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery queued again.",
                "%(count)d deliveries queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
