"""Personal data in the ledger (docs/privacy.md): envelope encryption per data subject, crypto-shredding.

`kek` loads the key-encryption key, `keys` keeps the per-tenant table of wrapped data keys, `cipher` seals
and opens the personal fields of stored events. The domain only marks fields (`riwayat.domain.personal`).
"""

from riwayat.infra.privacy.cipher import ERASED_MARK, Privacy
from riwayat.infra.privacy.kek import Kek, PrivacyError, generate_kek_file, load_kek

__all__ = ["ERASED_MARK", "Kek", "Privacy", "PrivacyError", "generate_kek_file", "load_kek"]
