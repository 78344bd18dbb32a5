"""Directory maintenance in the Django admin: regions, agencies, categories, routing rules,
deadline policy and answer templates. Customisation is data: these rows are the knobs."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from aduan.directory import policy
from aduan.directory.models import (
    Agency,
    AnswerTemplate,
    Category,
    DeadlinePolicy,
    Region,
    RoutingRule,
)

admin.site.site_header = _("Administrasi aduan")
admin.site.site_title = _("Administrasi aduan")
admin.site.index_title = _("Data induk dan pengguna")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Read-mostly: regions come from the Kemendagri decree (`aduan regions`)."""

    list_display = ("code", "name", "level", "parent", "postal_code")
    list_filter = ("level",)
    search_fields = ("code", "name")
    ordering = ("code",)
    list_per_page = 100
    show_full_result_count = False
    list_select_related = ("parent",)
    raw_id_fields = ("parent",)

    def get_readonly_fields(self, request, obj=None):
        return ("code", "level", "parent") if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False


class UnitInline(admin.TabularInline):
    model = Agency
    fk_name = "parent"
    fields = ("code", "name", "kind", "region", "is_active")
    autocomplete_fields = ("region",)
    extra = 0
    show_change_link = True
    verbose_name = _("unit")
    verbose_name_plural = _("unit")


class AnswerTemplateInline(admin.StackedInline):
    model = AnswerTemplate
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "region", "is_active")
    list_filter = ("kind", "is_active", ("parent", admin.EmptyFieldListFilter))
    search_fields = ("name", "code", "parent__name")
    autocomplete_fields = ("parent", "region")
    list_select_related = ("parent", "region")
    readonly_fields = ("path",)
    inlines = (UnitInline, AnswerTemplateInline)
    ordering = ("path",)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent", "is_active")
    list_filter = ("is_active", ("parent", admin.EmptyFieldListFilter))
    search_fields = ("name", "code")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    prepopulated_fields = {"code": ("name",)}


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("order", "category", "region", "agency", "local_office", "is_active")
    list_display_links = ("category",)
    list_editable = ("order", "is_active")
    list_filter = ("is_active", "local_office", "category")
    search_fields = ("category__name", "region__name", "region__code", "agency__name")
    autocomplete_fields = ("category", "region", "agency")
    list_select_related = ("category", "region", "agency")
    ordering = ("order", "id")


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = ("stage", "kind", "category", "working_days", "legal_basis")
    list_display_links = ("stage",)
    list_editable = ("working_days",)
    list_filter = ("stage", "kind")
    search_fields = ("category__name", "legal_basis")
    autocomplete_fields = ("category",)

    # The policy is cached per process for a minute; this process sees an edit at once.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        policy.forget()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        policy.forget()


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "agency")
    search_fields = ("title", "body", "agency__name")
    autocomplete_fields = ("agency",)
    list_select_related = ("agency",)
