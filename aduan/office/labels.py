"""Words the office pages show for the codes the domain stores."""

from django.utils.translation import gettext_lazy as _

# Timeline entries: what happened, by action code (workflow.STEPS plus intake's "submit").
ACTION_LABELS = {
    "submit": _("Laporan diterima"),
    "verify": _("Diverifikasi dan didisposisikan"),
    "hold": _("Ditunda"),
    "resume": _("Verifikasi dilanjutkan"),
    "archive": _("Diarsipkan"),
    "protect": _("Perlindungan privasi ditambah"),
    "not_our_authority": _("Dikembalikan: bukan wewenang"),
    "accept": _("Diterima instansi"),
    "delegate": _("Didelegasikan ke unit"),
    "transfer": _("Dilimpahkan ke instansi lain"),
    "ask_reporter": _("Pelapor diminta keterangan"),
    "answer": _("Tindak lanjut dikirim"),
    "extend": _("Batas waktu diperpanjang"),
    "close": _("Ditutup"),
    "reply": _("Balasan pelapor"),
    "rate": _("Dinilai pelapor"),
    "reopen": _("Dibuka kembali oleh pelapor"),
    "auto_dispose": _("Didisposisikan otomatis"),
    "auto_close": _("Ditutup otomatis"),
    "reporter_silent": _("Pelapor tidak memberi keterangan; dilanjutkan"),
}

ROLE_LABELS = {
    "reporter": _("Pelapor"),
    "verifier": _("Verifikator"),
    "officer": _("Petugas instansi"),
    "supervisor": _("Pimpinan instansi"),
    "system": _("Sistem"),
    "router": _("Mesin disposisi"),
    "clerk": _("Petugas loket"),
}

# Buttons: stable words the journey tests click.
BUTTONS = {
    "verify": _("Verifikasi dan disposisikan"),
    "hold": _("Tunda"),
    "resume": _("Lanjutkan verifikasi"),
    "archive": _("Arsipkan"),
    "protect": _("Pasang tanda"),
    "not_our_authority": _("Bukan wewenang"),
    "accept": _("Terima"),
    "delegate": _("Delegasikan"),
    "transfer": _("Limpahkan"),
    "ask_reporter": _("Tanya pelapor"),
    "answer": _("Kirim tindak lanjut"),
    "extend": _("Perpanjang batas waktu"),
    "close": _("Tutup laporan"),
}

# Panel headings for the actions that take input.
TITLES = {
    "verify": _("Verifikasi dan disposisi"),
    "hold": _("Tunda verifikasi"),
    "archive": _("Arsipkan laporan"),
    "protect": _("Tandai anonim atau rahasia"),
    "not_our_authority": _("Bukan wewenang instansi ini"),
    "delegate": _("Delegasikan ke unit"),
    "transfer": _("Limpahkan ke instansi lain"),
    "ask_reporter": _("Minta keterangan pelapor"),
    "answer": _("Tindak lanjut"),
    "extend": _("Perpanjang batas waktu"),
}

SUCCESS = {
    "verify": _("Laporan %(id)s diverifikasi dan didisposisikan ke %(agency)s."),
    "hold": _("Laporan %(id)s ditunda."),
    "resume": _("Verifikasi laporan %(id)s dilanjutkan."),
    "archive": _("Laporan %(id)s diarsipkan."),
    "protect": _("Tanda privasi laporan %(id)s dipasang."),
    "not_our_authority": _("Laporan %(id)s dikembalikan ke verifikator."),
    "accept": _("Laporan %(id)s diterima."),
    "delegate": _("Laporan %(id)s didelegasikan ke %(unit)s."),
    "transfer": _("Laporan %(id)s dilimpahkan ke %(agency)s."),
    "ask_reporter": _("Pertanyaan untuk pelapor laporan %(id)s terkirim."),
    "answer": _("Tindak lanjut laporan %(id)s terkirim."),
    "extend": _("Batas waktu laporan %(id)s diperpanjang."),
    "close": _("Laporan %(id)s ditutup."),
}

# How the complaint reached the agency holding it, beside the agency's name.
ROUTED_BY = {
    "verifier": _("disposisi verifikator"),
    "router": _("disposisi otomatis mesin"),
    "agency": _("pelimpahan dari instansi lain"),
}
