"""What an import found and did, as the command prints it (in French)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class ShopFileError(ValueError):
    """The file as a whole cannot be read (encoding, missing columns, no directory)."""


@dataclass
class RowProblem:
    line: int | None
    reference: str
    reasons: list[str]

    def __str__(self):
        if self.line is None:  # the import as a whole, not one row
            return " ; ".join(self.reasons)
        where = _("Ligne %(line)s") % {"line": self.line}
        if self.reference:
            where += f" ({self.reference})"
        return f"{where} : {' ; '.join(self.reasons)}"


@dataclass
class ShopRow:
    """A checked row: `values` holds the cleaned value of each column present in the file."""

    line: int
    reference: str
    values: dict


@dataclass
class ImportReport:
    """What an import did, or would do (dry run), or why it did nothing."""

    dry_run: bool = False
    created: list[ShopRow] = field(default_factory=list)
    updated: list[ShopRow] = field(default_factory=list)
    unchanged: list[ShopRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)
    new_districts: list[str] = field(default_factory=list)
    new_services: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False

    def lines(self):
        """The report in French, one line each, as the command prints it."""
        lines = []
        if self.ignored_columns:
            lines.append(
                _("Colonnes ignorées (inconnues) : %(columns)s.")
                % {"columns": ", ".join(self.ignored_columns)}
            )
        lines.extend(str(problem) for problem in self.problems)
        if self.problems and not (self.created or self.updated or self.unchanged):
            lines.append(
                ngettext(
                    "Rien n'a été importé : %(count)s ligne est incorrecte.",
                    "Rien n'a été importé : %(count)s lignes sont incorrectes.",
                    len(self.problems),
                )
                % {"count": len(self.problems)}
            )
            return lines
        if self.dry_run:
            verbs = (_("À créer"), _("À mettre à jour"))
        else:
            verbs = (_("Créé"), _("Mis à jour"))
        for verb, rows in zip(verbs, (self.created, self.updated), strict=True):
            lines.extend(f"{verb} : {row.reference} {row.values['name']}" for row in rows)
        for names, message in (
            (self.new_categories, _("Nouvelles catégories : %(names)s.")),
            (self.new_districts, _("Nouveaux quartiers : %(names)s.")),
            (self.new_services, _("Nouveaux services : %(names)s.")),
        ):
            if names:
                lines.append(message % {"names": ", ".join(names)})
        counts = {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.problems),
        }
        if self.dry_run:
            summary = _(
                "Simulation, rien n'a été écrit. À créer : %(created)s ; à mettre à jour : "
                "%(updated)s ; inchangés : %(unchanged)s ; lignes écartées : %(skipped)s."
            )
        else:
            summary = _(
                "Commerces créés : %(created)s ; mis à jour : %(updated)s ; inchangés : "
                "%(unchanged)s ; lignes écartées : %(skipped)s."
            )
        lines.append(summary % counts)
        return lines
