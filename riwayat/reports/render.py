"""CSV and PDF of a report. PDF by fpdf2 (a maintained, pure-Python PDF library): tables that break across
pages with their header repeated, page numbers, and the ledger's date of the report in the footer."""

from __future__ import annotations

import csv
import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from riwayat.reports.model import Report

FORMATS = ("csv", "pdf")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


def to_csv(report: Report) -> bytes:
    """One table: its header and rows. Several (a CV): each preceded by its title, a blank line between."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if len(report.sections) == 1:
        section = report.sections[0]
        writer.writerow(section.columns)
        writer.writerows(section.rows)
    else:
        for number, section in enumerate(report.sections):
            if number:
                writer.writerow([])
            writer.writerow([section.title])
            writer.writerow(section.columns)
            writer.writerows(section.rows)
    return out.getvalue().encode("utf-8")


def _latin(text: str) -> str:
    """The PDF's built-in Helvetica covers cp1252; anything else prints as '?', never as an error."""
    return text.encode("cp1252", "replace").decode("cp1252")


class _Pdf(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(orientation="L" if report.landscape else "P", unit="mm", format="A4")
        self.report = report
        self.set_auto_page_break(auto=True, margin=14)
        self.set_title(report.title)
        self.set_creator("Riwayat")

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("Helvetica", size=7)
        self.cell(0, 5, _latin(f"{self.report.title} - keadaan per {self.report.on.isoformat()} - "
                               f"halaman {self.page_no()}/{{nb}}"), align="C")  # fmt: skip


def to_pdf(report: Report) -> bytes:
    pdf = _Pdf(report)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=13)
    pdf.cell(0, 8, _latin(report.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for line in report.heading:
        pdf.cell(0, 5, _latin(line), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    size = 6.5 if report.landscape else 8
    for section in report.sections:
        if section.title:
            pdf.set_font("Helvetica", style="B", size=10)
            pdf.cell(0, 7, _latin(section.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=size)
        rows = section.rows or [tuple("-" for _ in section.columns)]
        with pdf.table(
            col_widths=section.widths,
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
            line_height=size * 0.55,
            text_align="LEFT",
            repeat_headings=1,
        ) as table:
            for values in (section.columns, *rows):
                line = table.row()
                for value in values:
                    line.cell(_latin(str(value)))
        pdf.ln(2)
    if report.notes:
        pdf.set_font("Helvetica", style="I", size=7)
        for note in report.notes:
            pdf.multi_cell(0, 4, _latin(note), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render(report: Report, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: csv or pdf")
    return to_csv(report) if fmt == "csv" else to_pdf(report)
