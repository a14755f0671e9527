"""Public complaints (SP4N-LAPOR!): a year of them, received on a channel, verified and dispatched to the
responsible OPD, answered, resolved, closed — each step dated in the tenant's working days.

Most are about a service; some name an employee (the description gives only initials: the reporter's
words stay in the ledger, the person is linked by id). Whistle-blowing reports are anonymous and
confidential. Some cases are left open past their deadlines (verification or answer), so the overdue list
has something to show; one complaint is reopened after its closure.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from riwayat.demo.model import ComplaintPlan, EmployeePlan, Step
from riwayat.demo.units import UnitSpec
from riwayat.domain.calendar import add_working_days, is_working_day
from riwayat.domain.holidays import shipped_dates

CHANNELS = (("LAPOR!", 45), ("SMS 1708", 15), ("Walk-in", 15), ("Portal", 25))
STREETS = {
    "medan": (
        "Jl. Gatot Subroto",
        "Jl. Sisingamangaraja",
        "Jl. Juanda",
        "Jl. Brigjend Katamso",
        "Jl. Setia Budi",
        "Jl. Ringroad",
        "Jl. Marelan Raya",
        "Jl. Pancing",
        "Jl. AR Hakim",
        "Jl. MH Thamrin",
        "Jl. Asia",
    ),
    "dumai": (
        "Jl. Jenderal Sudirman",
        "Jl. Sultan Syarif Kasim",
        "Jl. Soekarno-Hatta",
        "Jl. Ombak",
        "Jl. Sultan Hasanudin",
        "Jl. Budi Kemuliaan",
        "Jl. Tuanku Tambusai",
        "Jl. Datuk Laksamana",
    ),
}
# (unit kind, category, text): {street}, {unit}, {n} are filled in.
TOPICS = (
    (
        "SERVICE",
        "COMPLAINT",
        "Pengurusan KTP-el sudah {n} minggu belum selesai, petugas hanya meminta menunggu.",
    ),
    ("SERVICE", "INFORMATION_REQUEST", "Mohon informasi persyaratan pindah domisili dan lama prosesnya."),
    ("KECAMATAN", "COMPLAINT", "Loket pelayanan di kantor {unit} sudah tutup sebelum pukul 12 siang."),
    (
        "ENVIRONMENT",
        "COMPLAINT",
        "Sampah di {street} tidak diangkut selama {n} hari dan mulai menimbulkan bau.",
    ),
    ("WORKS", "COMPLAINT", "Jalan berlubang di {street} membahayakan pengendara; sudah ada yang terjatuh."),
    ("WORKS", "COMPLAINT", "Drainase di {street} tersumbat, setiap hujan terjadi genangan setinggi lutut."),
    ("WORKS", "ASPIRATION", "Usul pemasangan lampu penerangan jalan di {street} yang gelap pada malam hari."),
    ("HEALTH", "COMPLAINT", "Antrean di puskesmas sangat lama dan petugas pendaftaran tidak ramah."),
    ("HOSPITAL", "COMPLAINT", "Pasien BPJS di {unit} diminta membeli obat sendiri di apotek luar."),
    ("EDUCATION", "COMPLAINT", "Ada pungutan uang seragam dan buku di sebuah SD negeri dekat {street}."),
    ("EDUCATION", "INFORMATION_REQUEST", "Mohon informasi jadwal dan zonasi penerimaan peserta didik baru."),
    ("TRANSPORT", "COMPLAINT", "Juru parkir di {street} meminta tarif di atas ketentuan."),
    ("FIRE", "COMPLAINT", "Hidran di {street} tidak berfungsi saat kebakaran minggu lalu."),
    ("SOCIAL", "COMPLAINT", "Bantuan sosial untuk lansia di lingkungan kami belum diterima sejak {n} bulan."),
    (
        "ORDER",
        "COMPLAINT",
        "Pedagang kaki lima menutup trotoar di {street} sehingga pejalan kaki turun ke jalan.",
    ),
    ("FINANCE", "COMPLAINT", "Tagihan PBB saya tercatat ganda untuk tahun yang sama, mohon diperiksa."),
    (
        "SETDA",
        "ASPIRATION",
        "Usul agar jadwal pelayanan perizinan diumumkan di media sosial pemerintah kota.",
    ),
)
ABOUT_EMPLOYEE = (
    (
        "WHISTLEBLOWING",
        "Oknum pegawai {unit} berinisial {initials} meminta uang tambahan untuk mempercepat berkas.",
    ),
    ("COMPLAINT", "Petugas {unit} berinisial {initials} bersikap kasar saat melayani warga di loket."),
    ("COMPLAINT", "Pegawai {unit} berinisial {initials} sering tidak berada di tempat pada jam pelayanan."),
)
RESOLUTIONS = {
    "SUBSTANTIATED": (
        "Pengaduan terbukti; petugas telah dibina dan layanan diperbaiki. Pelapor telah diberi tahu.",
        "Telah ditindaklanjuti di lapangan pada {when}; dokumentasi disampaikan kepada pelapor.",
    ),
    "UNSUBSTANTIATED": (
        "Hasil verifikasi tidak menemukan pelanggaran; penjelasan prosedur telah disampaikan kepada pelapor.",
        "Pengaduan tidak didukung bukti yang cukup; pelapor dipersilakan melengkapi data.",
    ),
}


def plan_complaints(
    rng: random.Random, profile: str, units: tuple[UnitSpec, ...], employees: list[EmployeePlan], count: int
) -> list[ComplaintPlan]:
    by_code = {u.code: u for u in units}
    topics = [t for t in TOPICS if any(u.kind == t[0] for u in units)]
    active = [e for e in employees if not e.separated]
    streets = STREETS.get(profile, STREETS["medan"])
    plans = []
    for i in range(count):
        if active and rng.random() < 0.2:
            person = rng.choice(active)
            unit = by_code[person.final_unit]
            category, text = rng.choice(ABOUT_EMPLOYEE)
            initials = "".join(w[0] for w in person.name.split(",")[0].split() if w[0].isupper())[:3]
            description = text.format(unit=unit.name, initials=initials)
            employee, filed_unit = person.index, unit.code
        else:
            kind, category, text = rng.choice(topics)
            unit = rng.choice([u for u in units if u.kind == kind])
            description = text.format(street=rng.choice(streets), unit=unit.name, n=rng.randint(2, 6))
            employee, filed_unit = None, (unit.code if rng.random() < 0.6 else None)
        channel = rng.choices(*zip(*CHANNELS, strict=True))[0]
        secret = category == "WHISTLEBLOWING"
        contact = None if secret or rng.random() < 0.3 else _phone(rng)
        plan = ComplaintPlan(channel, category, description, employee, filed_unit, contact)
        received = _received_on(rng, i, count)
        plan.extra = {"received_on": received, "anonymous": secret, "confidential": secret}
        if channel == "LAPOR!":
            plan.extra["lapor_ticket"] = str(rng.randint(4_000_000, 5_999_999))
        _progress(rng, plan, unit, received, reopen=(i == 0), stall=i if i in (1, 2) else 0)
        plans.append(plan)
    return plans


# The demo's year: complaints received from FIRST_DAY, every step on or before LAST_DAY.
FIRST_DAY, LAST_DAY = date(2025, 11, 3), date(2026, 11, 27)
HOLIDAYS = shipped_dates(2025) | shipped_dates(2026) | shipped_dates(2027)


def _received_on(rng: random.Random, i: int, count: int) -> date:
    """Spread over the year (the first ones earliest), on a working day."""
    span = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + timedelta(days=min(span, int(span * (i + rng.random()) / max(1, count))))
    while not is_working_day(day, HOLIDAYS):
        day -= timedelta(days=1)
    return day


def _progress(
    rng: random.Random, plan: ComplaintPlan, unit: UnitSpec, received: date, *, reopen: bool, stall: int = 0
) -> None:
    """Steps dated in working days after receipt; a case whose next step would fall after LAST_DAY stays
    where it is (recent ones are simply in progress, older ones left there are overdue). However small the
    demo, complaint 1 is never verified and complaint 2 never answered: the overdue list is never empty."""
    day = received

    def step(command: str, wait: int, **args: object) -> bool:
        nonlocal day
        on = add_working_days(day, wait, HOLIDAYS)
        if on > LAST_DAY:
            return False
        day = on
        plan.steps.append(Step(on, command, dict(args, on=on)))
        return True

    if stall == 1 or (not reopen and rng.random() < 0.08):
        return  # never verified: overdue once 3 working days have passed
    note = f"Diteruskan ke {unit.name} untuk ditindaklanjuti."
    if not step("triage_complaint", rng.choice((1, 1, 2, 3, 3, 5)), unit_id=unit.code, note=note):
        return
    if stall == 2 or (not reopen and rng.random() < 0.12):
        return  # with the unit, unanswered: overdue after the response standard
    if not step("respond_to_complaint", rng.randint(1, 18), response=rng.choice(ANSWERS)):
        return
    outcome = "SUBSTANTIATED" if rng.random() < 0.55 else "UNSUBSTANTIATED"
    resolution = rng.choice(RESOLUTIONS[outcome]).format(when="hari kerja berikutnya")
    if not step("resolve_complaint", rng.randint(0, 3), outcome=outcome, resolution=resolution):
        return
    step("respond_to_complaint", 0, response=resolution)
    if reopen:
        step("close_complaint", 1, note="Pelapor telah menerima jawaban.")
        step("reopen_complaint", 5, reason="Pelapor menyatakan masalah yang sama terjadi lagi.")
        final = "Pemeriksaan ulang membenarkan laporan; perbaikan permanen telah dilakukan."
        step("resolve_complaint", 4, outcome="SUBSTANTIATED", resolution=final)
        step("respond_to_complaint", 0, response=final)
        step("close_complaint", 2, note="Pelapor mengonfirmasi perbaikan.")
    elif rng.random() < 0.8:
        step("close_complaint", rng.randint(1, 5), note="Pelapor telah diberi tahu hasil tindak lanjut.")


ANSWERS = (
    "Terima kasih atas laporan Anda; petugas kami sedang memeriksa di lapangan.",
    "Laporan Anda telah kami terima dan sedang diverifikasi oleh bidang terkait.",
    "Mohon maaf atas ketidaknyamanan; tindak lanjut dijadwalkan minggu ini.",
)


def _phone(rng: random.Random) -> str:
    return f"08{rng.choice((11, 12, 13, 21, 22, 52, 53, 77, 81, 82))}{rng.randint(10_000_000, 99_999_999)}"
