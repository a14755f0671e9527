"""Reports people read and print: the seniority list (DUK) and an employee's curriculum vitae (DRH), as CSV
and PDF. Built from the read models (riwayat/projections/) and, for a career's history, the employee's own
events; rendered by `render.py`; served by the CLI (`riwayat report`) and over HTTP (`http.py`)."""
