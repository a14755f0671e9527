"""Plausible personal names for civil servants of Medan (Sumatera Utara) and Dumai (Riau).

Each region draws from a mix of ethnic naming customs: Batak (Toba, Mandailing/Angkola, Karo, Simalungun)
with the marga as surname and, for some women, "br." (boru/beru) before it; Deli and Riau Malay, Minang,
Acehnese and Javanese names without a family name; Chinese-Indonesian names in their Indonesian form.
Academic titles are written as on a decree ("dr. … , M.Ked", "…, S.Pd."), from the person's diploma.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Custom:
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...] = ()  # marga; empty for customs without a family name
    boru: bool = False  # women may write "br." before the marga
    parts: tuple[int, int] = (1, 3)  # how many given names (min, max)
    surname_share: float = 1.0  # Minang clan names are mostly not written


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


def _custom(
    male: str,
    female: str,
    surnames: str = "",
    boru: bool = False,
    parts: tuple[int, int] = (1, 3),
    share: float = 1.0,
) -> Custom:
    return Custom(_names(male), _names(female), _names(surnames), boru, parts, share)


_ISLAMIC_M = (
    "Muhammad, Ahmad, Abdul, Rahmat, Syahrul, Zulkifli, Rizal, Fadli, Hasan, Ridwan, Khairul, Fauzi, "
    "Irwan, Taufik, Azhar, Iskandar, Syafii, Amiruddin, Hidayat, Ilham"
)
_ISLAMIC_F = (
    "Siti, Nur, Nurhayati, Fitri, Aisyah, Rahmah, Khairunnisa, Halimah, Zahra, Aminah, Rosmawati, Nurul, "
    "Fatimah, Yusnita, Hafizah, Salmah, Nuraini, Mariani"
)

CUSTOMS: dict[str, Custom] = {
    "toba": _custom(
        (
            "Hotman, Parlindungan, Martua, Bonar, Togar, Sahat, Marojahan, Hotlan, Daniel, Yohannes, "
            "Rinaldi, Andreas, Jhonson, Roy, Benny, Freddy, Tumpal, Poltak"
        ),
        (
            "Tiurma, Lasmaria, Rosmawati, Maria, Magdalena, Debora, Hotnida, Rotua, Roslina, Juliana, "
            "Ruth, Esther, Sarma, Tiominar, Nurmaida, Lenny"
        ),
        (
            "Siregar, Simanjuntak, Sitompul, Pardede, Hutapea, Panjaitan, Sihombing, Situmorang, "
            "Simatupang, Nainggolan, Manurung, Sinaga, Hutagalung, Tambunan, Silalahi, Sitorus, "
            "Napitupulu, Pasaribu, Lumbantobing, Marpaung, Siahaan, Simbolon, Gultom, Hutabarat, "
            "Sianipar, Butarbutar, Tampubolon, Pakpahan"
        ),
        boru=True,
    ),
    "mandailing": _custom(
        (
            "Muhammad, Ahmad, Khairul, Syahrial, Ridwan, Mara, Sutan, Baginda, Parlaungan, Hamdan, "
            "Zulfikar, Ikhwan, Taufik, Darwin, Irfan"
        ),
        (
            "Nurhalimah, Siti, Hajar, Nurasiah, Masdelina, Fitriani, Nurainun, Sakinah, Rahmadani, "
            "Lanniari, Khoiriyah, Dewi"
        ),
        (
            "Nasution, Lubis, Harahap, Rangkuti, Pulungan, Batubara, Daulay, Hasibuan, Ritonga, "
            "Dalimunthe, Pohan, Siregar, Matondang, Parinduri, Tanjung"
        ),
        parts=(1, 2),
    ),
    "karo": _custom(
        (
            "Bastanta, Malem, Ukur, Roy, Edison, Kristian, Firman, Sastra, Rudi, Anthoni, Lamsar, Jusup, "
            "Petrus, Sahdan"
        ),
        ("Ngena, Rosmeri, Sentosa, Lisna, Megawati, Riana, Nova, Erlina, Sri, Lidia, Priska, Tetty"),
        (
            "Ginting, Sitepu, Tarigan, Sembiring, Karo-Karo, Perangin-angin, Surbakti, Barus, Bangun, "
            "Kaban, Sinulingga, Meliala, Brahmana, Sinuraya, Keliat"
        ),
        boru=True,
    ),
    "simalungun": _custom(
        ("Jansen, Pardamean, Rudolf, Sarmedi, Tagor, Hendrik, Sahala"),
        ("Rosdiana, Merry, Hotmaida, Juliani, Sartika, Rospita"),
        ("Purba, Saragih, Damanik, Girsang, Sinaga, Sipayung, Sumbayak"),
        boru=True,
    ),
    "malay": _custom(
        _ISLAMIC_M
        + ", "
        + (
            "Tengku, Datuk, Syamsul, Zainal, Azmi, Raja, Wan, Said, Hasanuddin, Zulkarnain, Darmawan, "
            "Syafrizal, Effendi, Indra"
        ),
        _ISLAMIC_F
        + ", "
        + ("Wan, Syarifah, Rosmiati, Nurhasanah, Juliana, Suryani, Zuraidah, Rina, Sri Rahayu, Yuliana"),
        parts=(1, 2),
    ),
    "minang": _custom(
        (
            "Afrizal, Yulizar, Desrizal, Yusrizal, Zulhendri, Nofriandi, Hendri, Rahmat, Syafrudin, "
            "Azwar, Edwar, Yasril, Masrul, Fikri, Rinaldi, Mardianto"
        ),
        (
            "Desfitri, Novita, Yusnita, Elfi Yanti, Rahmawati, Yenni, Fitria, Nelvi, Susi, Liza, "
            "Mardiana, Yulia, Rosmaini"
        ),
        ("Chaniago, Piliang, Koto, Tanjung, Sikumbang, Jambak"),
        parts=(1, 2),
        share=0.3,
    ),
    "aceh": _custom(
        ("Teuku, Muhammad, Zulfahmi, Mukhlis, Fakhrurrazi, Munawar, Safrizal, Husaini, Khalidin, Rizki"),
        ("Cut, Nurlaili, Fauziah, Rauzatul, Maulidar, Yusniar, Nurul"),
        parts=(1, 2),
    ),
    "javanese": _custom(
        (
            "Budi, Agus, Wahyudi, Sutrisno, Bambang, Joko, Slamet, Eko, Dwi, Adi, Hari, Sugeng, Suparman, "
            "Bayu, Teguh, Heru, Rudi, Setiawan, Prasetyo, Santoso, Nugroho, Purnomo, Hadi, Widodo, "
            "Susilo, Kurniawan, Aditya"
        ),
        (
            "Sri, Wahyuni, Endang, Suharti, Dwi, Rahayu, Sulastri, Tri, Lestari, Wulandari, Retno, Puji, "
            "Astuti, Indah, Yuliani, Ratna, Kartika, Ningsih, Handayani, Setyaningsih, Purwanti"
        ),
        parts=(1, 2),
    ),
    "chinese": _custom(
        (
            "Hendra, Rudy, Susanto, Kevin, Gunawan, Hartono, Sugianto, Wilson, Andi, Johan, Ricky, Jimmy, "
            "Darwin"
        ),
        ("Lina, Susi, Lili, Meilani, Yenny, Linda, Sherly, Vivian, Rina, Cindy"),
        ("Wijaya, Halim, Gunawan, Tanjaya, Salim, Hartanto, Lim, Tan, Lie, Kusuma, Santoso, Wibowo"),
        parts=(1, 1),
    ),
}

# Share of each custom among the civil servants of the region (rough, for variety — not statistics).
REGIONS: dict[str, tuple[tuple[str, int], ...]] = {
    "medan": (
        ("toba", 20),
        ("mandailing", 15),
        ("karo", 10),
        ("simalungun", 3),
        ("malay", 12),
        ("javanese", 24),
        ("minang", 8),
        ("aceh", 4),
        ("chinese", 4),
    ),
    "dumai": (
        ("malay", 32),
        ("minang", 24),
        ("javanese", 24),
        ("toba", 8),
        ("mandailing", 7),
        ("chinese", 5),
    ),
}

# Titles by diploma and field: (front, back). "dr." goes in front; degrees after a comma.
_BACK = {
    "SLTA": ("",),
    "D-III": ("A.Md.", "A.Md.Kom.", "A.Md.Ak.", "A.Md.T."),
    "S1": ("S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.T.", "S.Pd.", "S.AP.", "S.IP.", "S.Ak."),
    "S2": ("M.Si.", "M.M.", "M.Pd.", "M.AP.", "M.H."),
}
_FIELD_TITLES = {
    "teacher": {"S1": ("S.Pd.",), "S2": ("S.Pd., M.Pd.",)},
    "nurse": {"D-III": ("A.Md.Kep.",), "S1": ("S.Kep., Ners",)},
    "midwife": {"D-III": ("A.Md.Keb.",), "S1": ("S.Tr.Keb.",)},
    "pharmacist": {"APOTEKER": ("S.Farm., Apt.",)},
    "public_health": {"S1": ("S.K.M.",), "S2": ("S.K.M., M.Kes.",)},
    "engineer": {"S1": ("S.T.",), "D-III": ("A.Md.T.",), "S2": ("S.T., M.T.",)},
    "it": {"S1": ("S.Kom.",), "D-III": ("A.Md.Kom.",)},
    "finance": {"S1": ("S.E.", "S.Ak."), "D-III": ("A.Md.Ak.",), "S2": ("S.E., M.Si.", "S.E., M.M.")},
    "law": {"S1": ("S.H.",), "S2": ("S.H., M.H.",)},
    "agriculture": {"S1": ("S.P.", "S.Pi."), "D-III": ("A.Md.",)},
}


# Given names that open a name rather than end it (Siti Aminah, Muhammad Rizal, Cut Nurul, Wan Abdul ...).
PREFIXES = frozenset(
    {
        "Siti",
        "Nur",
        "Sri",
        "Dwi",
        "Tri",
        "Muhammad",
        "Ahmad",
        "Abdul",
        "Teuku",
        "Cut",
        "Tengku",
        "Wan",
        "Raja",
        "Said",
        "Syarifah",
        "Datuk",
    }
)


def person_name(rng: random.Random, region: str, gender: str, diploma: str, field: str | None) -> str:
    """A full name with titles, e.g. "Hotman Parlindungan Siregar, S.Pd." or "dr. Nurul Aini Lubis"."""
    custom = CUSTOMS[_choose(rng, REGIONS[region])]
    female = gender == "FEMALE"
    pool = custom.female if female else custom.male
    low, high = custom.parts
    count = rng.randint(low, high) if high > 1 else 1
    plain = [n for n in pool if n not in PREFIXES]
    given = [rng.choice(pool)]
    if given[0] in PREFIXES or (not custom.surnames and rng.random() < 0.6):
        count = max(count, 2)  # "Siti" alone is not a name, and one-word names are rarer today
    while len(given) < count:
        part = rng.choice(plain)  # prefixes only open a name
        if part not in given:
            given.append(part)
    surname = rng.choice(custom.surnames) if custom.surnames and rng.random() < custom.surname_share else ""
    if surname and female and custom.boru and rng.random() < 0.4:
        surname = "br. " + surname
    name = " ".join([*given, surname]).strip()
    return _with_titles(rng, name, diploma, field)


def _with_titles(rng: random.Random, name: str, diploma: str, field: str | None) -> str:
    if field in {"doctor", "dentist"}:
        front = "dr." if field == "doctor" else "drg."
        return f"{front} {name}" + (", M.Kes." if rng.random() < 0.15 else "")
    options = _FIELD_TITLES.get(field or "", {}).get(diploma)
    if options:
        back = rng.choice(options)
    elif diploma == "S2":  # a master's degree is written after the first degree
        back = f"{rng.choice(_BACK['S1'])}, {rng.choice(_BACK['S2'])}"
    else:
        back = rng.choice(_BACK.get(diploma, ("",)))
    return f"{name}, {back}" if back else name


def _choose(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    keys, weights = zip(*weighted, strict=True)
    return rng.choices(keys, weights=weights)[0]
