"""`ipdev createadmin`: create (or reset) an administrator account."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ipdev.accounts.models import Role, User


class Command(BaseCommand):
    help = "Create an administrator, or reset an existing one's password."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-env",
            default="IPDEV_ADMIN_PASSWORD",
            help="Environment variable holding the password (asked interactively when unset).",
        )

    @transaction.atomic
    def handle(self, *args, username: str, email: str, password_env: str, **options):
        password = os.environ.get(password_env)
        if not password:
            if not options.get("interactive", True) or not os.isatty(0):
                raise CommandError(f"Set {password_env} or run interactively.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ.")
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        user.role = Role.ADMIN
        user.is_staff = user.is_superuser = user.is_active = True
        if email:
            user.email = email
        try:
            from django.contrib.auth.password_validation import validate_password

            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("password: " + " ".join(exc.messages)) from exc
        user.set_password(password)
        user.save()
        self.stdout.write(f"{'Created' if created else 'Updated'} administrator {username}.")
