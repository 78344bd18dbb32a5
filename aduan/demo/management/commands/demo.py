"""`aduan demo`: a ready-to-click local demonstration in one command.

Migrates the database, loads every Kemendagri region, seeds the demo world (idempotent), prints
the logins and an example API call, then serves with gunicorn.
"""

import json
import shlex

from django.core.management import call_command
from django.core.management.base import BaseCommand

from aduan.demo import data
from aduan.demo.seed import seed
from aduan.directory import regions

EXAMPLE = {
    "kind": "pengaduan",
    "title": "Jalan berlubang di Jl. Jagir Wonokromo",
    "body": "Lubang besar di depan SDN Jagir, sudah seminggu tidak diperbaiki. "
    "Motor sering jatuh kalau malam.",
    "region": "35.78.04.1002",
    "category": "jalan-rusak",
    "channel": "api",
    "reporter": {"name": "Siti Aminah", "phone": "081234567890"},
}


class Command(BaseCommand):
    help = "Siapkan dan jalankan demo aduan: migrasi, wilayah, data contoh, lalu server."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help="siapkan data saja, tanpa menjalankan server"
        )

    def handle(self, *args, host, port, no_serve, **options):
        self.stdout.write("Menyiapkan basis data...")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Memuat wilayah Kemendagri...")
        added = regions.load()
        if added:
            self.stdout.write(f"  {added} wilayah ditambahkan.")
        self.stdout.write("Menyiapkan data demo...")
        logins = seed(stdout=self.stdout)
        self.stdout.write(self.banner(host, port, logins))
        self.stdout.flush()
        if not no_serve:
            call_command("serve", host=host, port=port)

    def banner(self, host: str, port: int, logins: list[tuple[str, str, str]]) -> str:
        # A wildcard bind address is not something a browser can open.
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        base = f"http://{shown}:{port}"
        role_width = max(len(role) for role, _, _ in logins) + 2
        user_width = max(len(user) for _, user, _ in logins) + 2
        rule = "=" * 78
        lines = [
            "",
            rule,
            "  aduan: demo lokal",
            "",
            f"  Portal warga    {base}/",
            f"  Ruang kerja     {base}/kantor/",
            f"  Admin Django    {base}/admin/",
            f"  API (OpenAPI)   {base}/api/v1/docs",
            "",
            f"  Semua akun demo memakai kata sandi yang sama: {data.DEMO_PASSWORD}",
            "  Ini hanya untuk demo lokal; jangan dipakai di server yang dapat diakses publik.",
            "",
            f"  {'Peran':<{role_width}}{'Nama pengguna':<{user_width}}Kata sandi",
            f"  {'-' * (role_width - 2):<{role_width}}{'-' * (user_width - 2):<{user_width}}"
            f"{'-' * 10}",
        ]
        lines += [f"  {r:<{role_width}}{u:<{user_width}}{p}" for r, u, p in logins]
        lines += [
            "",
            "  Petugas instansi lain: petugas-<kode instansi>, mis. petugas-dlh-sby,",
            "  petugas-pdam-sby, petugas-kec-wonokromo (kata sandi sama).",
            "",
            "  Kirim laporan lewat API:",
            f"  curl -X POST {base}/api/v1/complaints \\",
            "    -H 'Content-Type: application/json' \\",
            f"    -d {shlex.quote(json.dumps(EXAMPLE, ensure_ascii=False))}",
            rule,
            "",
        ]
        return "\n".join(lines)
