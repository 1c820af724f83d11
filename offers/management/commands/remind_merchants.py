"""Weekly: remind the merchants who have not posted lately (offers.reminders)."""

from django.core.management.base import BaseCommand

from offers.reminders import send_reminders


class Command(BaseCommand):
    help = "Rappelle aux commerçants sans offre en cours de publier (à lancer chaque semaine)."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} rappel(s) envoyé(s).")
