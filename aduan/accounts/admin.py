"""Users and their roles in the Django admin: memberships inline on the user, and a list of
memberships to see who works for which agency or region."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from aduan.accounts.models import ApiKey, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("role", "agency", "region")
    autocomplete_fields = ("agency", "region")
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Data diri"), {"fields": ("full_name", "first_name", "last_name", "email", "phone")}),
        (
            _("Hak akses"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Waktu"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "full_name", "email", "is_staff", "is_superuser", "is_active")
    search_fields = ("username", "full_name", "email")
    list_filter = ("memberships__role", "is_staff", "is_superuser", "is_active")
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Who holds which role where: filter by role, search by agency to list its officers."""

    list_display = ("user", "role", "agency", "region")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__code")
    autocomplete_fields = ("user", "agency", "region")
    list_select_related = ("user", "agency", "region")


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are issued by `aduan apikey` (the key is shown once); here they are only listed."""

    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("name", "user", "prefix", "digest", "created_at")
    fields = ("name", "user", "prefix", "created_at", "revoked_at")

    def has_add_permission(self, request):
        return False
