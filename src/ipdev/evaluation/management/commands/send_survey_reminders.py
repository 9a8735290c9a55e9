"""`ipdev send_survey_reminders --as USER`: remind invitees of every open survey (for cron)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ipdev.accounts.models import User
from ipdev.evaluation import services
from ipdev.evaluation.models import Survey, SurveyStatus


class Command(BaseCommand):
    help = "Send the weekly reminders of every open survey, in the name of a staff account."

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", required=True, help="A staff username.")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or not user.is_wipo_staff:
            raise CommandError(f"{username!r} is not an active staff account.")
        total = 0
        for survey in Survey.objects.filter(status=SurveyStatus.OPEN).order_by("id"):
            try:
                with transaction.atomic():
                    total += services.survey_remind(user=user, survey=survey)
            except ValidationError as exc:
                self.stderr.write(f"{survey}: {'; '.join(exc.messages)}")
        self.stdout.write(f"{total} reminders sent.")
