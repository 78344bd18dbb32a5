"""Hand-written demo material: the directory, the category tree, and the pieces complaints are
composed from.

Everything here was written for the demo (no rows are copied from real complaint data): the
texts imitate how citizens of Surabaya write to LAPOR!-style services (informal, abbreviated,
sometimes Suroboyoan), so the queues, the public pages and the statistics look lived in.
Placeholders in braces are filled per complaint by `aduan.demo.seed`.
"""

from dataclasses import dataclass

# One password for every demo login: this is a local demonstration, never a deployment.
DEMO_PASSWORD = "demo-aduan-2026"

# The presence of this agency code means the demo world has been seeded.
MARKER_AGENCY = "pemkot-surabaya"

SURABAYA = "35.78"
JAWA_TIMUR = "35"

# --- Directory ---------------------------------------------------------------------------
# (code, name, kind, parent code, region code)
AGENCIES: list[tuple[str, str, str, str | None, str | None]] = [
    # National ministries, agencies and public service providers.
    ("kemen-pu", "Kementerian Pekerjaan Umum", "ministry", None, None),
    (
        "bbpjn-jatim-bali",
        "Balai Besar Pelaksanaan Jalan Nasional Jawa Timur-Bali",
        "division",
        "kemen-pu",
        "35",
    ),
    ("kemenkes", "Kementerian Kesehatan", "ministry", None, None),
    ("bpjs-kesehatan", "BPJS Kesehatan", "ministry", None, None),
    (
        "bpjs-kesehatan-sby",
        "BPJS Kesehatan Kantor Cabang Surabaya",
        "division",
        "bpjs-kesehatan",
        "35.78",
    ),
    ("kemendikdasmen", "Kementerian Pendidikan Dasar dan Menengah", "ministry", None, None),
    ("polri", "Kepolisian Negara Republik Indonesia", "ministry", None, None),
    ("korlantas-polri", "Korps Lalu Lintas Polri", "division", "polri", None),
    ("satlantas-sby", "Satlantas Polrestabes Surabaya", "division", "korlantas-polri", "35.78"),
    ("pln", "PT PLN (Persero)", "other", None, None),
    ("pln-uid-jatim", "PLN Unit Induk Distribusi Jawa Timur", "division", "pln", "35"),
    ("kemensos", "Kementerian Sosial", "ministry", None, None),
    ("kemendagri", "Kementerian Dalam Negeri", "ministry", None, None),
    (
        "ditjen-dukcapil",
        "Direktorat Jenderal Kependudukan dan Pencatatan Sipil",
        "division",
        "kemendagri",
        None,
    ),
    ("kemenhub", "Kementerian Perhubungan", "ministry", None, None),
    (
        "bptd-jatim",
        "Balai Pengelola Transportasi Darat Kelas I Jawa Timur",
        "division",
        "kemenhub",
        "35",
    ),
    # The province and its OPDs.
    ("pemprov-jatim", "Pemerintah Provinsi Jawa Timur", "province", None, "35"),
    (
        "dpubm-jatim",
        "Dinas Pekerjaan Umum Bina Marga Provinsi Jawa Timur",
        "office",
        "pemprov-jatim",
        "35",
    ),
    ("dindik-jatim", "Dinas Pendidikan Provinsi Jawa Timur", "office", "pemprov-jatim", "35"),
    ("dinkes-jatim", "Dinas Kesehatan Provinsi Jawa Timur", "office", "pemprov-jatim", "35"),
    ("rsud-soetomo", "RSUD Dr. Soetomo", "division", "dinkes-jatim", "35.78"),
    ("dishub-jatim", "Dinas Perhubungan Provinsi Jawa Timur", "office", "pemprov-jatim", "35"),
    (
        "bapenda-jatim",
        "Badan Pendapatan Daerah Provinsi Jawa Timur",
        "office",
        "pemprov-jatim",
        "35",
    ),
    ("dinsos-jatim", "Dinas Sosial Provinsi Jawa Timur", "office", "pemprov-jatim", "35"),
    # The city, its OPDs and their units. Kecamatan and kelurahan offices are added from the
    # region table by the seed.
    ("pemkot-surabaya", "Pemerintah Kota Surabaya", "regency", None, "35.78"),
    (
        "dpu-sby",
        "Dinas Pekerjaan Umum Bina Marga dan Pematusan",
        "office",
        "pemkot-surabaya",
        "35.78",
    ),
    ("dpu-sby-jalan", "Bidang Jalan dan Jembatan", "division", "dpu-sby", "35.78"),
    ("dpu-sby-pematusan", "Bidang Drainase (Pematusan)", "division", "dpu-sby", "35.78"),
    ("dpu-sby-pju", "Bidang Penerangan Jalan Umum", "division", "dpu-sby", "35.78"),
    ("dinkes-sby", "Dinas Kesehatan", "office", "pemkot-surabaya", "35.78"),
    ("dinkes-sby-yankes", "Bidang Pelayanan Kesehatan", "division", "dinkes-sby", "35.78"),
    (
        "dinkes-sby-p2p",
        "Bidang Pencegahan dan Pengendalian Penyakit",
        "division",
        "dinkes-sby",
        "35.78",
    ),
    ("dispendik-sby", "Dinas Pendidikan", "office", "pemkot-surabaya", "35.78"),
    ("dispendik-sby-sd", "Bidang Sekolah Dasar", "division", "dispendik-sby", "35.78"),
    ("dispendik-sby-smp", "Bidang Sekolah Menengah Pertama", "division", "dispendik-sby", "35.78"),
    ("dishub-sby", "Dinas Perhubungan", "office", "pemkot-surabaya", "35.78"),
    ("dishub-sby-parkir", "UPTD Parkir Tepi Jalan Umum", "division", "dishub-sby", "35.78"),
    ("dishub-sby-lalin", "Bidang Lalu Lintas", "division", "dishub-sby", "35.78"),
    ("dlh-sby", "Dinas Lingkungan Hidup", "office", "pemkot-surabaya", "35.78"),
    ("dlh-sby-kebersihan", "Bidang Kebersihan dan Retribusi", "division", "dlh-sby", "35.78"),
    (
        "dlh-sby-pencemaran",
        "Bidang Pengendalian Pencemaran Lingkungan",
        "division",
        "dlh-sby",
        "35.78",
    ),
    (
        "dispendukcapil-sby",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "office",
        "pemkot-surabaya",
        "35.78",
    ),
    ("satpolpp-sby", "Satuan Polisi Pamong Praja", "office", "pemkot-surabaya", "35.78"),
    ("pdam-sby", "PDAM Surya Sembada", "other", "pemkot-surabaya", "35.78"),
    (
        "pdam-sby-distribusi",
        "Divisi Distribusi dan Kehilangan Air",
        "division",
        "pdam-sby",
        "35.78",
    ),
    ("pdam-sby-pelanggan", "Divisi Pelayanan Pelanggan", "division", "pdam-sby", "35.78"),
    ("dinsos-sby", "Dinas Sosial", "office", "pemkot-surabaya", "35.78"),
    (
        "dprkpp-sby",
        "Dinas Perumahan Rakyat dan Kawasan Permukiman",
        "office",
        "pemkot-surabaya",
        "35.78",
    ),
    ("bapenda-sby", "Badan Pendapatan Daerah", "office", "pemkot-surabaya", "35.78"),
]

# --- Categories (inspired by LAPOR!'s main categories) -------------------------------------
# (code, name, [(sub code, sub name), ...])
CATEGORIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "infrastruktur",
        "Infrastruktur",
        [
            ("jalan-rusak", "Jalan Rusak dan Berlubang"),
            ("jembatan", "Jembatan"),
            ("trotoar", "Trotoar dan Fasilitas Pejalan Kaki"),
            ("penerangan-jalan", "Penerangan Jalan Umum"),
        ],
    ),
    (
        "banjir-drainase",
        "Banjir dan Drainase",
        [
            ("genangan-banjir", "Genangan dan Banjir"),
            ("saluran-tersumbat", "Saluran dan Gorong-gorong Tersumbat"),
        ],
    ),
    (
        "kesehatan",
        "Kesehatan",
        [
            ("layanan-puskesmas", "Pelayanan Puskesmas"),
            ("rumah-sakit", "Pelayanan Rumah Sakit"),
            ("jkn-bpjs", "Jaminan Kesehatan Nasional (BPJS Kesehatan)"),
            ("penyakit-menular", "Pencegahan Penyakit Menular"),
            ("program-kesehatan", "Program Kesehatan Nasional"),
        ],
    ),
    (
        "pendidikan",
        "Pendidikan",
        [
            ("ppdb", "Penerimaan Murid Baru (SPMB/PPDB)"),
            ("pungutan-sekolah", "Pungutan di Sekolah"),
            ("sarana-sekolah", "Sarana dan Prasarana Sekolah"),
            ("bantuan-pendidikan", "Bantuan Pendidikan (PIP/KIP)"),
            ("guru-tendik", "Guru dan Tenaga Kependidikan"),
        ],
    ),
    (
        "kependudukan",
        "Administrasi Kependudukan",
        [
            ("ktp-el", "KTP Elektronik"),
            ("kartu-keluarga", "Kartu Keluarga"),
            ("akta-catatan-sipil", "Akta Kelahiran dan Kematian"),
            ("data-kependudukan", "Data dan NIK Kependudukan"),
        ],
    ),
    (
        "lingkungan",
        "Lingkungan Hidup dan Kebersihan",
        [
            ("sampah", "Sampah dan Kebersihan"),
            ("pencemaran", "Pencemaran Lingkungan"),
            ("taman-pohon", "Taman dan Pohon"),
        ],
    ),
    (
        "ketertiban",
        "Ketertiban Umum",
        [
            ("pkl", "Pedagang Kaki Lima"),
            ("kebisingan", "Kebisingan dan Gangguan Ketertiban"),
            ("bangunan-liar", "Bangunan Tanpa Izin"),
        ],
    ),
    (
        "perhubungan",
        "Perhubungan",
        [
            ("parkir", "Parkir Liar dan Juru Parkir"),
            ("lampu-lalu-lintas", "Lampu Lalu Lintas dan Rambu"),
            ("angkutan-umum", "Angkutan Umum"),
            ("terminal", "Terminal"),
        ],
    ),
    (
        "sosial",
        "Sosial",
        [
            ("bansos", "Bantuan Sosial"),
            ("pmks", "Gelandangan, Pengemis dan Anak Jalanan"),
        ],
    ),
    (
        "air-bersih",
        "Air Bersih",
        [
            ("air-mati", "Air Tidak Mengalir"),
            ("kualitas-air", "Kualitas Air"),
            ("tagihan-air", "Tagihan dan Sambungan Air"),
            ("pipa-bocor", "Pipa Bocor"),
        ],
    ),
    (
        "listrik",
        "Listrik",
        [
            ("pemadaman", "Pemadaman Listrik"),
            ("tagihan-listrik", "Tagihan dan Token Listrik"),
        ],
    ),
    (
        "layanan-kelurahan",
        "Layanan Kelurahan dan Kecamatan",
        [
            ("surat-pengantar", "Surat Pengantar dan Keterangan"),
            ("pelayanan-kantor", "Pelayanan Kantor Kelurahan"),
        ],
    ),
    (
        "kepolisian",
        "Kepolisian dan Lalu Lintas",
        [
            ("sim", "Surat Izin Mengemudi"),
            ("tilang", "Tilang dan ETLE"),
        ],
    ),
    (
        "perumahan",
        "Perumahan",
        [
            ("rusunawa", "Rumah Susun Sewa"),
        ],
    ),
    (
        "pajak-daerah",
        "Pajak Daerah",
        [
            ("pbb", "Pajak Bumi dan Bangunan"),
            ("pajak-kendaraan", "Pajak Kendaraan Bermotor"),
        ],
    ),
]

# Outcomes that need a field examination get the Perpres 76/2013 maximum of 60 working days.
FIELD_EXAMINATION = ("jalan-rusak", "jembatan", "genangan-banjir", "pencemaran", "bangunan-liar")

# Routing rules: (order, category code, region code or None, agency code or "@village").
ROUTING: list[tuple[int, str, str | None, str]] = [
    # Kota Surabaya: the kelurahan office first for its own services.
    (10, "surat-pengantar", SURABAYA, "@village"),
    (10, "pelayanan-kantor", SURABAYA, "@village"),
    (20, "jalan-rusak", SURABAYA, "dpu-sby"),
    (20, "jembatan", SURABAYA, "dpu-sby"),
    (20, "trotoar", SURABAYA, "dpu-sby"),
    (20, "penerangan-jalan", SURABAYA, "dpu-sby"),
    (20, "genangan-banjir", SURABAYA, "dpu-sby"),
    (20, "saluran-tersumbat", SURABAYA, "dpu-sby"),
    (20, "layanan-puskesmas", SURABAYA, "dinkes-sby"),
    (20, "penyakit-menular", SURABAYA, "dinkes-sby"),
    (20, "rumah-sakit", SURABAYA, "dinkes-sby"),
    (20, "jkn-bpjs", SURABAYA, "bpjs-kesehatan-sby"),
    (20, "ppdb", SURABAYA, "dispendik-sby"),
    (20, "pungutan-sekolah", SURABAYA, "dispendik-sby"),
    (20, "sarana-sekolah", SURABAYA, "dispendik-sby"),
    (20, "ktp-el", SURABAYA, "dispendukcapil-sby"),
    (20, "kartu-keluarga", SURABAYA, "dispendukcapil-sby"),
    (20, "akta-catatan-sipil", SURABAYA, "dispendukcapil-sby"),
    (20, "sampah", SURABAYA, "dlh-sby"),
    (20, "pencemaran", SURABAYA, "dlh-sby"),
    (20, "taman-pohon", SURABAYA, "dlh-sby"),
    (20, "pkl", SURABAYA, "satpolpp-sby"),
    (20, "kebisingan", SURABAYA, "satpolpp-sby"),
    (20, "bangunan-liar", SURABAYA, "satpolpp-sby"),
    (20, "parkir", SURABAYA, "dishub-sby"),
    (20, "lampu-lalu-lintas", SURABAYA, "dishub-sby"),
    (20, "angkutan-umum", SURABAYA, "dishub-sby"),
    (20, "bansos", SURABAYA, "dinsos-sby"),
    (20, "pmks", SURABAYA, "dinsos-sby"),
    (20, "air-mati", SURABAYA, "pdam-sby"),
    (20, "kualitas-air", SURABAYA, "pdam-sby"),
    (20, "tagihan-air", SURABAYA, "pdam-sby"),
    (20, "pipa-bocor", SURABAYA, "pdam-sby"),
    (20, "rusunawa", SURABAYA, "dprkpp-sby"),
    (20, "pbb", SURABAYA, "bapenda-sby"),
    (20, "sim", SURABAYA, "satlantas-sby"),
    # Jawa Timur outside the city: the province's offices.
    (100, "jalan-rusak", JAWA_TIMUR, "dpubm-jatim"),
    (100, "jembatan", JAWA_TIMUR, "dpubm-jatim"),
    (100, "ppdb", JAWA_TIMUR, "dindik-jatim"),
    (100, "pungutan-sekolah", JAWA_TIMUR, "dindik-jatim"),
    (100, "rumah-sakit", JAWA_TIMUR, "dinkes-jatim"),
    (100, "angkutan-umum", JAWA_TIMUR, "dishub-jatim"),
    (100, "terminal", JAWA_TIMUR, "bptd-jatim"),
    (100, "bansos", JAWA_TIMUR, "dinsos-jatim"),
    (100, "pajak-kendaraan", JAWA_TIMUR, "bapenda-jatim"),
    (100, "pemadaman", JAWA_TIMUR, "pln-uid-jatim"),
    (100, "tagihan-listrik", JAWA_TIMUR, "pln-uid-jatim"),
    # National.
    (500, "jkn-bpjs", None, "bpjs-kesehatan"),
    (500, "program-kesehatan", None, "kemenkes"),
    (500, "bantuan-pendidikan", None, "kemendikdasmen"),
    (500, "guru-tendik", None, "kemendikdasmen"),
    (500, "data-kependudukan", None, "ditjen-dukcapil"),
    (500, "sim", None, "korlantas-polri"),
    (500, "tilang", None, "korlantas-polri"),
    (500, "pemadaman", None, "pln"),
    (500, "tagihan-listrik", None, "pln"),
]

# A couple of reusable answers per main office: (agency code, title, body).
ANSWER_TEMPLATES: list[tuple[str, str, str]] = [
    (
        "dpu-sby",
        "Jalan sudah ditambal",
        "Terima kasih atas laporan Bapak/Ibu. Tim Satgas Bina Marga telah melakukan penambalan "
        "jalan berlubang di lokasi yang dilaporkan. Apabila masih ditemukan kerusakan, silakan "
        "melapor kembali dengan menyertakan foto dan titik lokasi.",
    ),
    (
        "dpu-sby",
        "Saluran sudah dinormalisasi",
        "Terima kasih atas laporannya. Satgas Pematusan telah melakukan pengerukan sedimen dan "
        "pembersihan saluran di lokasi yang dilaporkan sehingga aliran air kembali lancar.",
    ),
    (
        "dpu-sby",
        "Masuk rencana perbaikan tahun anggaran berikutnya",
        "Terima kasih atas laporan Bapak/Ibu. Hasil survei lapangan menunjukkan perlu perbaikan "
        "menyeluruh, sehingga lokasi tersebut kami usulkan dalam rencana kerja tahun anggaran "
        "berikutnya. Sementara itu dilakukan penanganan darurat agar aman dilalui.",
    ),
    (
        "dinkes-sby",
        "Tindak lanjut keluhan pelayanan puskesmas",
        "Terima kasih atas masukan Bapak/Ibu. Keluhan telah kami sampaikan kepada Kepala "
        "Puskesmas untuk evaluasi alur pelayanan dan pembinaan petugas. Pendaftaran dapat "
        "dilakukan secara daring melalui aplikasi agar waktu tunggu lebih singkat.",
    ),
    (
        "dinkes-sby",
        "Pemeriksaan jentik dan fogging",
        "Terima kasih atas laporannya. Petugas puskesmas telah melakukan penyelidikan "
        "epidemiologi di lingkungan pelapor. Fogging dilakukan bila memenuhi kriteria; warga "
        "dimohon tetap melakukan 3M Plus dan mengaktifkan Jumantik di setiap rumah.",
    ),
    (
        "dispendik-sby",
        "Informasi SPMB",
        "Terima kasih atas pertanyaan Bapak/Ibu. Jadwal, jalur dan persyaratan SPMB dapat dilihat "
        "pada laman resmi SPMB Kota Surabaya. Untuk kendala akun, silakan datang ke posko "
        "layanan SPMB di Dinas Pendidikan dengan membawa KK dan akta kelahiran anak.",
    ),
    (
        "dispendik-sby",
        "Pungutan di sekolah negeri",
        "Terima kasih atas laporannya. Sekolah negeri dilarang memungut biaya yang bersifat "
        "wajib. Kami telah memanggil kepala sekolah terkait untuk klarifikasi dan meminta "
        "pungutan dihentikan serta dana yang sudah dibayarkan dikembalikan.",
    ),
    (
        "dispendukcapil-sby",
        "Dokumen kependudukan sudah terbit",
        "Terima kasih atas laporan Bapak/Ibu. Dokumen kependudukan yang dimohonkan sudah terbit "
        "dan dapat dicetak mandiri atau diambil di kantor kelurahan setempat dengan membawa "
        "bukti pengajuan.",
    ),
    (
        "dispendukcapil-sby",
        "Perbaikan data kependudukan",
        "Terima kasih atas laporannya. Data kependudukan telah kami perbaiki sesuai dokumen "
        "pendukung. Silakan mengajukan cetak ulang melalui layanan daring Dispendukcapil.",
    ),
    (
        "dlh-sby",
        "Sampah sudah diangkut",
        "Terima kasih atas laporannya. Petugas kebersihan telah mengangkut sampah di lokasi dan "
        "jadwal pengangkutan dari TPS setempat telah kami tambah. Mohon warga tidak membuang "
        "sampah di luar jam dan lokasi yang ditentukan.",
    ),
    (
        "dlh-sby",
        "Pengambilan sampel pencemaran",
        "Terima kasih atas laporannya. Tim kami telah mengambil sampel air dan udara di lokasi "
        "untuk diuji di laboratorium. Hasil uji akan menjadi dasar tindakan terhadap usaha yang "
        "diduga mencemari.",
    ),
    (
        "dishub-sby",
        "Penertiban juru parkir liar",
        "Terima kasih atas laporannya. Tim UPTD Parkir bersama petugas gabungan telah melakukan "
        "penertiban juru parkir tanpa rompi dan karcis resmi di lokasi yang dilaporkan dan akan "
        "melakukan pengawasan berkala.",
    ),
    (
        "dishub-sby",
        "Lampu lalu lintas sudah diperbaiki",
        "Terima kasih atas laporannya. Petugas telah memperbaiki kontroler lampu lalu lintas di "
        "persimpangan yang dilaporkan dan lampu sudah berfungsi normal.",
    ),
    (
        "satpolpp-sby",
        "Penertiban PKL",
        "Terima kasih atas laporannya. Satpol PP telah melakukan penertiban dan pembinaan PKL "
        "yang berjualan di trotoar serta mengarahkan mereka ke sentra wisata kuliner terdekat.",
    ),
    (
        "satpolpp-sby",
        "Teguran kepada tempat usaha",
        "Terima kasih atas laporannya. Pemilik tempat usaha telah kami panggil dan diberi "
        "teguran tertulis untuk mematuhi jam operasional dan batas kebisingan.",
    ),
    (
        "pdam-sby",
        "Gangguan distribusi sudah normal",
        "Terima kasih atas laporan Bapak/Ibu. Gangguan aliran disebabkan perbaikan pipa "
        "distribusi dan saat ini aliran sudah kembali normal. Mohon maaf atas ketidaknyamanan "
        "yang terjadi.",
    ),
    (
        "pdam-sby",
        "Pengecekan meter air",
        "Terima kasih atas laporannya. Petugas telah melakukan pengecekan meter air di rumah "
        "pelanggan. Selisih tagihan akan dikoreksi pada rekening bulan berikutnya.",
    ),
    (
        "dinsos-sby",
        "Verifikasi data penerima bansos",
        "Terima kasih atas laporannya. Data yang dilaporkan telah kami teruskan untuk "
        "verifikasi dan validasi lapangan bersama kelurahan. Perubahan data penerima akan "
        "diusulkan pada pemutakhiran periode berikutnya.",
    ),
    (
        "dinsos-sby",
        "Penjangkauan PMKS",
        "Terima kasih atas laporannya. Tim penjangkauan Dinas Sosial telah mendatangi lokasi dan "
        "membawa yang bersangkutan ke UPTD Kampung Anak Negeri/Liponsos untuk pembinaan.",
    ),
]

# --- Demo people ---------------------------------------------------------------------------
# (role label, username, full name, role, agency code, region code)
DEMO_USERS: list[tuple[str, str, str, str, str | None, str | None]] = [
    ("Warga (pelapor)", "warga", "Budi Santoso", "", None, None),
    ("Verifikator nasional", "verifikator", "Rina Kartikasari", "verifier", None, None),
    ("Verifikator Jawa Timur", "verifikator-jatim", "Agus Prasetyo", "verifier", None, "35"),
    ("Petugas Dinas PU Bina Marga", "petugas-dpu", "Dwi Hartono", "officer", "dpu-sby", None),
    (
        "Pimpinan Dinas PU Bina Marga",
        "pimpinan-dpu",
        "Ir. Sri Wahyuni",
        "supervisor",
        "dpu-sby",
        None,
    ),
    ("Petugas Bidang Jalan", "petugas-jalan", "Andik Setiawan", "officer", "dpu-sby-jalan", None),
    (
        "Petugas Dinas Kesehatan",
        "petugas-dinkes",
        "dr. Maya Anggraini",
        "officer",
        "dinkes-sby",
        None,
    ),
    ("Pengawas", "pengawas", "Hendro Wibisono", "oversight", None, None),
    ("Petugas loket", "loket", "Lilik Suryani", "clerk", "pemkot-surabaya", None),
    ("Administrator sistem", "admin", "Admin Aduan", "", None, None),
]

FIRST_NAMES = [
    "Ahmad", "Siti", "Budi", "Dewi", "Eko", "Fitri", "Agus", "Sri", "Bambang", "Rina",
    "Hadi", "Nur", "Joko", "Ani", "Rudi", "Yuli", "Slamet", "Wahyu", "Lestari", "Arif",
    "Sugeng", "Endang", "Dimas", "Putri", "Fajar", "Ayu", "Hendra", "Ratna", "Imam", "Wulan",
    "Cak Mat", "Mbak Nining", "Andri", "Indah", "Yusuf", "Ningsih", "Teguh", "Kartini",
    "Rizky", "Nabila", "Samsul", "Umi", "Bagus", "Lilis", "Taufik", "Erna", "Gilang", "Novi",
]  # fmt: skip
LAST_NAMES = [
    "Santoso", "Wijaya", "Rahmawati", "Hidayat", "Susanto", "Pratama", "Kurniawan", "Handoko",
    "Setiawati", "Purnomo", "Saputra", "Wulandari", "Gunawan", "Maulana", "Hasanah", "Prasetyo",
    "Sulistyo", "Anggraeni", "Firmansyah", "Suharto", "Nugroho", "Permatasari", "Hakim",
    "Kusuma", "Effendi", "Rachman", "", "", "",
]  # fmt: skip
EMAIL_DOMAINS = ["gmail.com", "yahoo.co.id", "gmail.com", "outlook.com", "gmail.com"]

# --- Places ----------------------------------------------------------------------------------
# Streets and landmarks by kelurahan name (Kota Surabaya); other kelurahan get generic ones.
STREETS: dict[str, list[str]] = {
    "Jagir": ["Jl. Jagir Wonokromo", "Jl. Jagir Sidomukti", "dekat pintu air Jagir"],
    "Wonokromo": ["Jl. Wonokromo", "Jl. Stasiun Wonokromo", "depan Pasar Wonokromo"],
    "Darmo": ["Jl. Raya Darmo", "sekitar Taman Bungkul", "Jl. Progo"],
    "Ngagel": ["Jl. Ngagel", "Jl. Ngagel Timur"],
    "Ngagel Rejo": ["Jl. Ngagel Rejo Kidul", "Jl. Bratang Gede"],
    "Sawunggaling": ["Jl. Joyoboyo", "sekitar Terminal Joyoboyo", "Jl. Gunungsari"],
    "Ketintang": ["Jl. Ketintang", "Jl. Ketintang Baru", "frontage Jl. Ahmad Yani"],
    "Menanggal": ["Jl. Menanggal", "frontage Jl. Ahmad Yani"],
    "Gayungan": ["Jl. Gayung Kebonsari", "Jl. Gayungan"],
    "Jemur Wonosari": ["Jl. Jemursari", "Jl. Jemur Andayani"],
    "Margorejo": ["Jl. Margorejo Indah", "Jl. Margorejo"],
    "Siwalankerto": ["Jl. Siwalankerto", "Jl. Siwalankerto Timur"],
    "Bendul Merisi": ["Jl. Bendul Merisi", "Jl. Bendul Merisi Selatan"],
    "Kalirungkut": ["Jl. Rungkut Industri", "Jl. Raya Kalirungkut"],
    "Rungkut Kidul": ["Jl. Rungkut Madya", "Jl. Rungkut Asri"],
    "Medokan Ayu": ["Jl. Medokan Asri", "Jl. Medokan Ayu"],
    "Penjaringansari": ["Jl. Penjaringan Sari", "Jl. Penjaringan Asri"],
    "Kedung Baruk": ["Jl. Raya Kedung Baruk", "Jl. Kedung Baruk"],
    "Keputih": ["Jl. Keputih Tegal", "Jl. Arief Rahman Hakim", "dekat eks TPA Keputih"],
    "Gebang Putih": ["Jl. Gebang Putih", "Jl. Gebang Lor"],
    "Klampis Ngasem": ["Jl. Klampis Jaya", "Jl. Klampis Anom"],
    "Menur Pumpungan": ["Jl. Menur Pumpungan", "Jl. Manyar Kertoadi"],
    "Nginden Jangkungan": ["Jl. Nginden Semolo", "Jl. Nginden Intan"],
    "Semolowaru": ["Jl. Semolowaru", "Jl. Dr. Ir. H. Soekarno (MERR)"],
    "Gubeng": ["Jl. Raya Gubeng", "dekat Stasiun Gubeng"],
    "Airlangga": ["Jl. Airlangga", "Jl. Dharmawangsa", "Jl. Karang Menjangan"],
    "Mojo": ["Jl. Mojo Klanggru Wetan", "Jl. Gubeng Kertajaya"],
    "Kertajaya": ["Jl. Kertajaya", "Jl. Kertajaya Gg. IV"],
    "Baratajaya": ["Jl. Barata Jaya", "Jl. Pucang Anom"],
    "Pucang Sewu": ["Jl. Pucang Jajar", "Jl. Pucang Adi"],
    "Embong Kaliasin": ["Jl. Basuki Rahmat", "Jl. Embong Kemiri"],
    "Genteng": ["Jl. Tunjungan", "Jl. Genteng Kali"],
    "Ketabang": ["Jl. Jimerto", "Jl. Ambengan", "sekitar Balai Kota"],
    "Kapasari": ["Jl. Kapasari", "Jl. Kusuma Bangsa"],
    "Peneleh": ["Jl. Peneleh", "Jl. Achmad Jais"],
    "Tegalsari": ["Jl. Tegalsari", "Jl. Kedungsari"],
    "Dr. Soetomo": ["Jl. Dr. Soetomo", "Jl. Polisi Istimewa"],
    "Kedungdoro": ["Jl. Kedungdoro", "Jl. Embong Malang"],
    "Keputran": ["Jl. Keputran", "sekitar Pasar Keputran"],
    "Petemon": ["Jl. Petemon", "Jl. Petemon Barat"],
    "Sawahan": ["Jl. Sawahan", "Jl. Pandegiling"],
    "Banyu Urip": ["Jl. Banyu Urip", "Jl. Banyu Urip Wetan"],
    "Putat Jaya": ["Jl. Putat Jaya", "Jl. Jarak"],
    "Kupang Krajan": ["Jl. Kupang Krajan", "Jl. Kupang Jaya"],
    "Pakis": ["Jl. Pakis", "Jl. Kembang Kuning"],
    "Tambaksari": ["Jl. Tambaksari", "sekitar Stadion Gelora 10 Nopember", "Jl. Ngaglik"],
    "Ploso": ["Jl. Ploso Timur", "Jl. Ploso Baru"],
    "Gading": ["Jl. Gading", "Jl. Kenjeran"],
    "Pacarkembang": ["Jl. Pacar Kembang", "Jl. Pacar Kembang Gg. II"],
    "Rangkah": ["Jl. Rangkah", "Jl. Rangkah Buntu"],
    "Pacarkeling": ["Jl. Pacar Keling", "Jl. Jolotundo"],
    "Dukuh Setro": ["Jl. Dukuh Setro", "Jl. Kedung Mangu"],
    "Simokerto": ["Jl. Simokerto", "Jl. Simokerto Gg. Lebar"],
    "Kapasan": ["Jl. Kapasan", "dekat Pasar Kapasan"],
    "Sidodadi": ["Jl. Sidodadi", "Jl. Sidodadi Taman"],
    "Simolawang": ["Jl. Simolawang", "Jl. Simolawang Baru"],
    "Bongkaran": ["Jl. Kembang Jepun", "Jl. Slompretan"],
    "Nyamplungan": ["Jl. Nyamplungan", "Jl. KH Mas Mansyur"],
    "Tanjung Perak": ["Jl. Perak Timur", "dekat Pelabuhan Tanjung Perak"],
    "Alun-alun Contong": ["Jl. Pahlawan", "sekitar Tugu Pahlawan", "Jl. Pasar Besar"],
    "Bubutan": ["Jl. Bubutan", "Jl. Kawatan"],
    "Gundih": ["Jl. Semarang", "dekat Stasiun Pasar Turi"],
    "Jepara": ["Jl. Demak", "Jl. Jepara"],
    "Tembok Dukuh": ["Jl. Tembok Dukuh", "Jl. Kalibutuh"],
    "Tandes": ["Jl. Raya Tandes", "Jl. Tandes Lor"],
    "Manukan Kulon": ["Jl. Manukan Tama", "Jl. Raya Manukan Kulon"],
    "Manukan Wetan": ["Jl. Manukan Wetan", "Jl. Manukan Lor"],
    "Balongsari": ["Jl. Balongsari Tama", "Jl. Balongsari Praja"],
    "Banjar Sugihan": ["Jl. Banjar Sugihan", "Jl. Raya Banjar Sugihan"],
    "Krembangan Selatan": ["Jl. Rajawali", "Jl. Kasuari", "dekat Jembatan Merah"],
    "Kemayoran": ["Jl. Indrapura", "Jl. Kemayoran Baru"],
    "Dupak": ["Jl. Dupak", "Jl. Dupak Rukun"],
    "Morokrembangan": ["Jl. Tambak Asri", "Jl. Morokrembangan"],
    "Ampel": ["Jl. Ampel Masjid", "Jl. Sasak", "sekitar Masjid Sunan Ampel"],
    "Pegirian": ["Jl. Pegirian", "Jl. Pegirian Gg. Buntu"],
    "Wonokusumo": ["Jl. Wonokusumo", "Jl. Wonokusumo Kidul"],
    "Sidotopo": ["Jl. Sidotopo", "Jl. Sidotopo Sekolahan"],
    "Tanah Kali Kedinding": ["Jl. Kedinding Lor", "Jl. Tanah Merah"],
    "Bulak Banteng": ["Jl. Bulak Banteng", "Jl. Bulak Banteng Wetan"],
    "Tambak Wedi": ["Jl. Tambak Wedi", "dekat kaki Jembatan Suramadu"],
    "Kenjeran": ["Jl. Pantai Kenjeran", "sekitar Pantai Kenjeran"],
    "Kedung Cowek": ["Jl. Kedung Cowek", "Jl. Akses Suramadu"],
    "Lidah Wetan": ["Jl. Lidah Wetan", "dekat kampus Unesa Lidah"],
    "Lidah kulon": ["Jl. Lidah Kulon", "Jl. Raya Menganti Lidah"],
    "Lakarsantri": ["Jl. Raya Lakarsantri", "Jl. Lakarsantri Gg. Masjid"],
    "Sememi": ["Jl. Raya Sememi", "Jl. Sememi Jaya"],
    "Tambak Oso Wilangun": ["Jl. Tambak Osowilangun", "dekat Terminal Osowilangun"],
    "Wiyung": ["Jl. Raya Wiyung", "Jl. Raya Menganti Wiyung"],
    "Babatan": ["Jl. Babatan Pratama", "Jl. Raya Babatan"],
    "Dukuh Pakis": ["Jl. Dukuh Pakis", "Jl. Mayjen Sungkono"],
    "Dukuh Kupang": ["Jl. Dukuh Kupang", "Jl. Dukuh Kupang Barat"],
    "Gunung Sari": ["Jl. Gunungsari", "Jl. Patmosusastro"],
    "Pradah Kalikendal": ["Jl. Pradah Indah", "Jl. Pradah Permai"],
    "Jambangan": ["Jl. Jambangan", "Jl. Jambangan Kebon Agung"],
    "Karah": ["Jl. Karah", "bantaran Kali Surabaya di Karah"],
    "Kebonsari": ["Jl. Kebonsari", "Jl. Kebonsari Manunggal"],
    "Pagesangan": ["Jl. Pagesangan", "sekitar Masjid Al-Akbar"],
    "Kutisari": ["Jl. Kutisari", "Jl. Kutisari Selatan"],
    "Kendangsari": ["Jl. Kendangsari", "Jl. Kendangsari Industri"],
    "Tenggilis Mejoyo": ["Jl. Raya Tenggilis", "Jl. Tenggilis Utara"],
    "Panjang Jiwo": ["Jl. Panjang Jiwo", "Jl. Panjang Jiwo Permai"],
    "Gunung Anyar": ["Jl. Gunung Anyar", "Jl. Gunung Anyar Timur"],
    "Rungkut Menanggal": ["Jl. Rungkut Menanggal", "Jl. Rungkut Menanggal Harapan"],
    "Mulyorejo": ["Jl. Mulyorejo", "Jl. Mulyorejo Utara"],
    "Manyar Sabrangan": ["Jl. Manyar Kertoarjo", "Jl. Kertajaya Indah"],
    "Kalijudan": ["Jl. Kalijudan", "Jl. Kalijudan Taruna"],
    "Dukuh Sutorejo": ["Jl. Sutorejo", "Jl. Sutorejo Prima"],
    "Kejawan Putih Tambak": ["Jl. Kejawan Putih Tambak", "Jl. Kejawan Putih Mutiara"],
    "Sukomanunggal": ["Jl. Raya Sukomanunggal", "Jl. Simo Gunung"],
    "Tanjungsari": ["Jl. Tanjungsari", "Jl. Raya Tanjungsari"],
    "Simomulyo": ["Jl. Simo Mulyo", "Jl. Simo Tambaan"],
    "Putat Gede": ["Jl. Putat Gede", "Jl. Putat Gede Barat"],
    "Genting Kalianak": ["Jl. Kalianak", "Jl. Kalianak Barat"],
    "Asem Rowo": ["Jl. Asem Rowo", "Jl. Greges"],
    "Pakal": ["Jl. Raya Pakal", "Jl. Pakal Madya"],
    "Benowo": ["Jl. Raya Benowo", "Jl. Benowo Gg. Masjid"],
    "Sambikerep": ["Jl. Raya Sambikerep", "Jl. Sambikerep Gg. Langgar"],
    "Lontar": ["Jl. Raya Lontar", "Jl. Lontar Jaya"],
    "Kebraon": ["Jl. Kebraon", "Jl. Raya Mastrip Kebraon"],
    "Kedurus": ["Jl. Kedurus", "Jl. Raya Mastrip"],
    "Karang Pilang": ["Jl. Raya Karang Pilang", "Jl. Mastrip Karang Pilang"],
    "Waru Gunung": ["Jl. Raya Mastrip Waru Gunung", "Jl. Waru Gunung"],
}
GENERIC_STREETS = ["Jl. {kel}", "Jl. {kel} Gg. {gang}", "Jl. Raya {kel}", "kampung {kel}"]

# Approximate centroids of Surabaya's kecamatan (code suffix → lat, lon) for map pins.
KECAMATAN_CENTROIDS: dict[str, tuple[float, float]] = {
    "01": (-7.335, 112.695), "02": (-7.320, 112.735), "03": (-7.325, 112.780),
    "04": (-7.300, 112.735), "05": (-7.275, 112.735), "06": (-7.270, 112.715),
    "07": (-7.258, 112.745), "08": (-7.280, 112.755), "09": (-7.295, 112.790),
    "10": (-7.250, 112.765), "11": (-7.240, 112.750), "12": (-7.220, 112.735),
    "13": (-7.250, 112.730), "14": (-7.255, 112.680), "15": (-7.225, 112.720),
    "16": (-7.220, 112.750), "17": (-7.225, 112.775), "18": (-7.300, 112.640),
    "19": (-7.230, 112.640), "20": (-7.310, 112.690), "21": (-7.285, 112.705),
    "22": (-7.330, 112.725), "23": (-7.320, 112.715), "24": (-7.320, 112.755),
    "25": (-7.340, 112.790), "26": (-7.265, 112.790), "27": (-7.260, 112.700),
    "28": (-7.240, 112.700), "29": (-7.240, 112.790), "30": (-7.250, 112.610),
    "31": (-7.275, 112.650),
}  # fmt: skip

# Regencies elsewhere in Jawa Timur that complaints come from (region codes).
JATIM_ELSEWHERE = ["35.15", "35.73", "35.25", "35.26", "35.09", "35.06", "35.16", "35.17"]

LAMA = [
    "3 hari", "seminggu", "hampir 2 minggu", "sebulan lebih", "dari awal bulan",
    "2 bulanan", "sejak musim hujan kemarin", "berhari-hari",
]  # fmt: skip
WAKTU = [
    "tadi pagi", "kemarin sore", "tadi malam", "sejak hari Senin", "minggu lalu",
    "kemarin siang", "barusan",
]  # fmt: skip

# --- Pieces of a citizen's message -----------------------------------------------------------
GREETINGS = [
    "Selamat pagi Bapak/Ibu.", "Assalamualaikum wr wb.", "Permisi min,", "Mohon izin melapor.",
    "Selamat siang, mau lapor.", "Halo admin,", "Sugeng enjing.", "Pak, bu, tolong dibantu.",
    "Lapor cak!", "Rek,", "Yth. Bapak/Ibu petugas,", "Selamat malam.",
]  # fmt: skip
CLOSINGS = [
    "Mohon segera ditindaklanjuti. Terima kasih.",
    "Atas perhatiannya saya ucapkan terima kasih.",
    "Matur nuwun sanget.",
    "Semoga cepat ditangani, terima kasih.",
    "Tolong jangan cuma difoto terus ditinggal!!",
    "Sudah lapor ke RT RW tapi tidak ada tindakan sama sekali.",
    "Pajak jalan terus tapi pelayanan begini.",
    "Apa nunggu ada korban dulu baru bergerak?",
    "Suwun rek.",
    "Ojok suwe-suwe yo pak, mesakno warga.",
    "Wis kesel aku lapor terus.",
    "Tulung ditangani, ojok mek janji thok.",
    "Kami warga kecil cuma bisa berharap.",
    "Mohon bantuannya, kami sudah bingung harus ke mana lagi.",
    "Terima kasih, semoga pelayanan makin baik.",
    "",
]
ASIDES = [
    "Sekalian lapor, lampu PJU di gang sebelah juga mati sudah seminggu.",
    "Oh ya, sampah di pinggir kali juga numpuk, baunya sampai ke rumah.",
    "Satu lagi, got di depan musholla mampet, kalau hujan air masuk ke jalan.",
    "Terus parkir liar di depan minimarket juga bikin macet tiap sore.",
    "Jalan di situ juga banyak lubang, tolong sekalian dicek.",
    "Kalau bisa sekalian dipangkas pohonnya, dahannya sudah kena kabel.",
    "Anak-anak juga sering balapan liar di situ malam minggu.",
    "Air PDAM juga kecil banget alirannya kalau pagi.",
]
CONTACT_LINES = [
    "Bisa hubungi saya di {phone}.",
    "Kalau perlu info lebih lanjut WA saya {phone}.",
    "No HP saya {phone}, silakan ditelepon.",
]
SIGNATURES = ["Warga {kel}.", "Warga RT {rt}.", "Hormat saya, warga {kec}.", "Dari warga."]

# Abbreviations citizens use in SMS and chats (word → short form).
ABBREVIATIONS = {
    "yang": "yg", "tidak": "tdk", "sudah": "sdh", "jalan": "jln", "dengan": "dgn",
    "untuk": "utk", "karena": "krn", "sampai": "sampe", "belum": "blm", "tolong": "tlg",
    "bapak": "bpk", "saja": "aja", "bagaimana": "gmn", "sekarang": "skrg", "kalau": "kalo",
    "juga": "jg", "banyak": "byk", "dari": "dr", "orang": "org", "lagi": "lg", "hari": "hr",
    "sama": "sm", "terima kasih": "trims", "mohon": "mhn", "gimana": "gmn", "tapi": "tp",
}  # fmt: skip

# Notes staff and reporters write at each step.
HOLD_NOTES = [
    "Mohon dilengkapi lokasi kejadian (nama jalan, RT/RW, atau patokan terdekat).",
    "Mohon lampirkan foto kondisi di lapangan agar dapat diteruskan ke instansi berwenang.",
    "Laporan belum menyebutkan waktu kejadian dan pihak yang dilaporkan, mohon dilengkapi.",
]
REPORTER_REPLIES = [
    "Lokasinya persis di depan toko kelontong, dekat pos kamling RT {rt}.",
    "Sudah saya lengkapi, patokannya sebelah musholla.",
    "Kejadiannya hampir tiap hari, terakhir {waktu}.",
    "Iya betul di {street}, sisi timur jalan.",
]
ASK_NOTES = [
    "Mohon kirimkan foto terbaru dan titik lokasi (share location) agar tim dapat segera "
    "menuju lokasi.",
    "Mohon jelaskan lebih rinci waktu kejadian dan patokan lokasinya.",
    "Mohon informasikan waktu yang tepat agar petugas dapat bertemu pelapor di lokasi.",
]
EXTEND_NOTES = [
    "Perbaikan memerlukan pengadaan material; batas waktu diperpanjang.",
    "Perlu koordinasi dengan instansi lain dan pemilik utilitas di lokasi.",
    "Menunggu hasil uji laboratorium sebelum tindakan lebih lanjut.",
    "Pekerjaan lapangan tertunda cuaca; jadwal penanganan disesuaikan.",
]
VERIFY_NOTES = [
    "",
    "",
    "Laporan lengkap, diteruskan ke instansi berwenang.",
    "Sudah diverifikasi, mohon segera ditindaklanjuti.",
    "Lokasi jelas, mohon dicek ke lapangan.",
]
DELEGATE_NOTES = [
    "Mohon ditindaklanjuti oleh bidang terkait.",
    "Diteruskan ke unit teknis untuk pengecekan lapangan.",
    "",
]
RATING_NOTES = {
    5: ["Sudah beres, cepat sekali. Matur nuwun!", "Mantap, sudah diperbaiki. Terima kasih."],
    4: ["Sudah ditangani, terima kasih. Semoga awet.", "Oke sudah, walau agak lama."],
    3: ["Lumayan, tapi belum sepenuhnya selesai.", "Sudah ada tindakan tapi hasilnya biasa saja."],
    2: ["Cuma ditambal sedikit, sebentar lagi rusak lagi.", "Jawabannya normatif."],
    1: ["Belum ada perubahan sama sekali kok ditutup?", "Tidak ada petugas yang datang."],
}
REOPEN_NOTES = [
    "Setelah dicek ternyata masalahnya muncul lagi, mohon ditinjau ulang.",
    "Jawaban tidak sesuai kondisi lapangan, belum ada perbaikan.",
]
CLOSE_NOTES = ["Pelapor telah dikonfirmasi melalui telepon.", "", "Pekerjaan selesai."]

# Verifier archive reasons for messages that cannot be handled, with example texts.
# (reason, title, body)
UNHANDLEABLE: list[tuple[str, str, str]] = [
    ("unclear", "tolong pak", "Tolong pak ini gimana sdh lama gak ada kejelasan sama sekali"),
    ("unclear", "lapor", "lapor pak. yg kemarin itu lho blm ada kabar"),
    ("unclear", "Mohon bantuan", "Mohon bantuannya bapak ibu, saya bingung harus bagaimana."),
    ("too_general", "Surabaya macet", "Surabaya sekarang macet dimana-mana, tolong diatasi."),
    ("too_general", "Pelayanan publik jelek", "Pelayanan di kantor pemerintah jelek semua."),
    ("too_general", "Harga naik", "Harga-harga naik semua, rakyat kecil susah. Tolong pak."),
    (
        "not_public_service",
        "Tetangga utang tidak bayar",
        "Tetangga saya pinjam uang 5 juta sdh setahun tdk dibayar, tolong dibantu ditagih.",
    ),
    (
        "not_public_service",
        "Arisan online bodong",
        "Saya ikut arisan online di grup WA, ternyata bandarnya kabur bawa uang. Mohon bantuan.",
    ),
    (
        "not_public_service",
        "Pacar tidak mau tanggung jawab",
        "Pak tolong, pacar saya menghilang setelah janji mau nikahin. Gimana ini.",
    ),
]


# --- Complaint subjects ----------------------------------------------------------------------
@dataclass(frozen=True)
class Subject:
    """A kind of complaint citizens write about, with the words they use and the answers the
    handling office gives.

    `agency` is the office that should handle it ("@village": the kelurahan office of the
    place); `unit` the unit it is usually delegated to; `misroute` (mode, wrong agency, note)
    the office it is often sent to by mistake, which either transfers it ("transfer") or
    returns it as not its authority ("return"). `where` is "city" (Kota Surabaya),
    "province" (elsewhere in Jawa Timur) or "jatim" (either). When there are as many titles
    as openings, title i goes with opening i.
    """

    key: str
    category: str
    agency: str
    titles: tuple[str, ...]
    openings: tuple[str, ...]
    details: tuple[str, ...]
    answers: tuple[str, ...]
    kind: str = "pengaduan"
    unit: str = ""
    misroute: tuple[str, str, str] | None = None
    where: str = "city"
    near: str = ""  # a region code prefix the place must lie in (a hospital, a terminal)
    weight: int = 3


SUBJECTS: list[Subject] = [
    # --- Roads, drainage, street lights (DPU Bina Marga dan Pematusan) ---
    Subject(
        "jalan_berlubang",
        "jalan-rusak",
        "dpu-sby",
        unit="dpu-sby-jalan",
        weight=10,
        titles=(
            "Jalan berlubang di {street}",
            "Jalan rusak parah {street}",
            "Lubang jalan membahayakan pengendara di {kel}",
            "Aspal {street} mengelupas",
        ),
        openings=(
            "Jalan di {street} berlubang besar, sudah {lama} tidak diperbaiki.",
            "Mau lapor jalan rusak di {street} kelurahan {kel}, lubangnya dalam banget.",
            "Aspal di {street} dekat {rt} mengelupas dan berlubang di beberapa titik.",
            "Jalan depan rumah kami di {street} rusak, kalau hujan lubangnya tertutup air "
            "jadi gak kelihatan.",
        ),
        details=(
            "Sudah ada pengendara motor yang jatuh {waktu}.",
            "Lubangnya kira-kira selebar ban mobil dan dalamnya sekitar 15 cm.",
            "Anak-anak sekolah lewat situ tiap pagi, bahaya sekali.",
            "Bekas galian kabel yang ditutup asal-asalan, sekarang ambles.",
            "Warga sudah menambal pakai puing tapi hanyut lagi kena hujan.",
            "Malam hari gelap jadi lubangnya tidak kelihatan sama sekali.",
            "Truk-truk besar sering lewat situ, makanya cepat rusak.",
        ),
        answers=(
            "Terima kasih atas laporannya. Tim Satgas Bidang Jalan dan Jembatan telah melakukan "
            "penambalan lubang di {street} pada {tgl}. Kami mohon maaf atas ketidaknyamanannya.",
            "Terima kasih. Hasil survei pada {tgl} menunjukkan kerusakan di {street} memerlukan "
            "peningkatan jalan; lokasi telah diusulkan dalam program tahun depan, sementara "
            "lubang sudah ditutup darurat.",
            "Kerusakan di {street} disebabkan galian utilitas. Pihak pelaksana galian telah kami "
            "panggil dan wajib mengembalikan kondisi jalan; pengerjaan selesai pada {tgl}.",
        ),
    ),
    Subject(
        "jalan_nasional",
        "jalan-rusak",
        "bbpjn-jatim-bali",
        misroute=(
            "transfer",
            "dpu-sby",
            "Ruas tersebut jalan nasional, kewenangan BBPJN Jawa Timur-Bali.",
        ),
        weight=2,
        titles=(
            "Jalan Ahmad Yani ambles dekat bundaran Waru",
            "Lubang besar di Jl. Ahmad Yani arah Sidoarjo",
            "Jalan nasional rusak di frontage A. Yani",
        ),
        openings=(
            "Di Jl. Ahmad Yani arah keluar kota dekat {kel} ada lubang besar di lajur kiri.",
            "Jalan nasional di frontage A. Yani sekitar {kel} ambles dan bergelombang.",
        ),
        details=(
            "Motor sering banting setir mendadak menghindari lubang, rawan tabrakan.",
            "Kondisinya sudah {lama}, tiap hujan makin lebar.",
            "Macet panjang tiap pagi karena kendaraan melambat di titik itu.",
        ),
        answers=(
            "Terima kasih atas laporannya. Tim preservasi BBPJN Jawa Timur-Bali telah menambal "
            "lubang pada ruas jalan nasional tersebut pada {tgl}.",
            "Laporan telah ditindaklanjuti dengan pekerjaan pemeliharaan rutin pada {tgl}; "
            "rekonstruksi ruas dijadwalkan dalam paket preservasi berikutnya.",
        ),
    ),
    Subject(
        "genangan",
        "genangan-banjir",
        "dpu-sby",
        unit="dpu-sby-pematusan",
        weight=7,
        titles=(
            "Banjir setiap hujan di {street}",
            "Genangan air tinggi di {kel}",
            "Air masuk rumah warga {kel}",
            "Banjir gak surut-surut di {street}",
        ),
        openings=(
            "Setiap hujan deras {street} langsung banjir setinggi lutut.",
            "Hujan sebentar saja kampung kami di {kel} sudah tergenang, airnya lama surutnya.",
            "{waktu} hujan 1 jam, air masuk ke rumah warga di {rt} kelurahan {kel}.",
        ),
        details=(
            "Rumah pompa di dekat situ katanya tidak dinyalakan.",
            "Saluran di pinggir jalan dangkal dan penuh lumpur.",
            "Motor banyak yang mogok karena nekat menerobos genangan.",
            "Dulu tidak pernah banjir, sejak ada perumahan baru di sebelah jadi begini.",
            "Airnya bercampur sampah dan bau, anak-anak jadi gatal-gatal.",
            "Surutnya bisa sampai 5 jam, warga tidak bisa berangkat kerja.",
        ),
        answers=(
            "Terima kasih atas laporannya. Satgas Pematusan telah melakukan pengerukan saluran "
            "dan pembersihan inlet di {street} pada {tgl}; rumah pompa terdekat juga dipastikan "
            "beroperasi saat hujan.",
            "Hasil peninjauan pada {tgl}: kapasitas saluran di {kel} tidak mencukupi. Pembangunan "
            "box culvert telah diusulkan; sementara disiagakan pompa portabel.",
        ),
    ),
    Subject(
        "saluran_mampet",
        "saluran-tersumbat",
        "dpu-sby",
        unit="dpu-sby-pematusan",
        misroute=(
            "transfer",
            "dlh-sby",
            "Normalisasi saluran kewenangan DPU Bina Marga dan Pematusan.",
        ),
        weight=6,
        titles=(
            "Saluran got mampet di {street}",
            "Gorong-gorong tersumbat di {kel}",
            "Got penuh sedimen dan bau",
        ),
        openings=(
            "Got di sepanjang {street} mampet total, airnya hitam dan tidak mengalir.",
            "Gorong-gorong di ujung {street} tersumbat sampah dan lumpur.",
            "Saluran di {rt} kelurahan {kel} sudah {lama} tidak pernah dikeruk.",
        ),
        details=(
            "Baunya menyengat terutama sore hari, banyak nyamuk.",
            "Kalau hujan air meluap ke jalan.",
            "Ada tutup saluran yang jebol, bahaya buat pejalan kaki.",
            "Sedimennya sudah hampir sejajar dengan jalan.",
        ),
        answers=(
            "Terima kasih. Satgas Pematusan telah melakukan pengerukan sedimen dan pembersihan "
            "gorong-gorong di {street} pada {tgl}; tutup saluran yang rusak sudah diganti.",
            "Saluran di {kel} telah dinormalisasi pada {tgl}. Kami mohon warga tidak membuang "
            "sampah ke saluran.",
        ),
    ),
    Subject(
        "pju_mati",
        "penerangan-jalan",
        "dpu-sby",
        unit="dpu-sby-pju",
        misroute=(
            "transfer",
            "pln-uid-jatim",
            "Lampu PJU aset Pemerintah Kota Surabaya, bukan jaringan PLN.",
        ),
        weight=6,
        titles=(
            "Lampu PJU mati di {street}",
            "Penerangan jalan padam, rawan kejahatan",
            "PJU mati total di {kel}",
        ),
        openings=(
            "Lampu penerangan jalan di {street} mati sudah {lama}.",
            "PJU sepanjang {street} padam semua, jalannya jadi gelap gulita.",
            "Ada 3 tiang lampu jalan di {rt} {kel} yang mati, cuma 1 yang nyala kedap-kedip.",
        ),
        details=(
            "Sudah ada kejadian jambret {waktu} karena gelap.",
            "Ibu-ibu pulang kerja malam jadi takut lewat.",
            "Kabelnya kelihatan menjuntai dari tiang, takut kesetrum.",
            "Kalau malam banyak yang mangkal di situ karena gelap.",
        ),
        answers=(
            "Terima kasih atas laporannya. Petugas Bidang PJU telah mengganti lampu dan "
            "memperbaiki panel di {street} pada {tgl}; lampu sudah menyala kembali.",
            "Kerusakan di {street} disebabkan kabel dicuri. Kabel telah diganti dan dipasang "
            "pengaman pada {tgl}.",
        ),
    ),
    Subject(
        "trotoar",
        "trotoar",
        "dpu-sby",
        unit="dpu-sby-jalan",
        weight=2,
        titles=("Trotoar rusak di {street}", "Trotoar ambles dan berlubang"),
        openings=(
            "Trotoar di {street} banyak yang ambles dan ubinnya lepas.",
            "Guiding block di trotoar {street} rusak, kasihan penyandang disabilitas netra.",
        ),
        details=(
            "Lansia pernah tersandung di situ.",
            "Ada lubang saluran terbuka di tengah trotoar.",
            "Akhirnya pejalan kaki turun ke jalan, bahaya.",
        ),
        answers=(
            "Terima kasih. Perbaikan ubin dan penutupan lubang di trotoar {street} telah "
            "dilaksanakan pada {tgl}.",
        ),
    ),
    Subject(
        "usul_pju",
        "penerangan-jalan",
        "dpu-sby",
        kind="aspirasi",
        unit="dpu-sby-pju",
        weight=2,
        titles=("Usulan penambahan lampu jalan di {street}", "Mohon dipasang PJU di {kel}"),
        openings=(
            "Kami warga {rt} {kel} mengusulkan dipasang lampu penerangan di {street}.",
            "Usul pak, jalan tembus di {street} belum ada lampunya sama sekali.",
        ),
        details=(
            "Jalan itu jadi jalur alternatif anak sekolah dan pekerja pabrik.",
            "Kami siap membantu kalau perlu tanda tangan warga.",
            "Panjangnya sekitar 200 meter dan gelap total kalau malam.",
        ),
        answers=(
            "Terima kasih atas usulannya. Lokasi {street} telah disurvei pada {tgl} dan masuk "
            "daftar rencana pemasangan PJU tahun anggaran berikutnya.",
        ),
    ),
    # --- Cleanliness and environment (DLH) ---
    Subject(
        "sampah_menumpuk",
        "sampah",
        "dlh-sby",
        unit="dlh-sby-kebersihan",
        weight=8,
        titles=(
            "TPS penuh, sampah tidak diangkut",
            "Tumpukan sampah liar di {kel}",
            "Sampah berserakan di {street}",
            "Sampah menumpuk, TPS {kel} penuh",
        ),
        openings=(
            "Sampah di TPS dekat {street} sudah {lama} tidak diangkut.",
            "Ada tumpukan sampah liar di lahan kosong {street}, makin lama makin tinggi.",
            "Sampah di pinggir {street} berserakan sampai ke badan jalan.",
            "Gerobak sampah kampung {kel} tidak bisa buang karena TPS penuh.",
        ),
        details=(
            "Baunya sampai ke rumah warga, banyak lalat.",
            "Kadang dibakar malam-malam, asapnya bikin sesak.",
            "Banyak orang dari luar kampung buang sampah pakai motor.",
            "Kalau hujan air sampahnya mengalir ke got.",
            "Kucing dan tikus mengacak-acak, jadi tambah berantakan.",
        ),
        answers=(
            "Terima kasih. Petugas kebersihan telah mengangkut sampah di {street} pada {tgl} dan "
            "frekuensi pengangkutan TPS setempat ditambah.",
            "Tumpukan sampah liar di {street} telah dibersihkan pada {tgl}. Papan larangan "
            "membuang sampah telah dipasang dan lokasi dipantau bersama kelurahan {kel}.",
        ),
    ),
    Subject(
        "pencemaran",
        "pencemaran",
        "dlh-sby",
        unit="dlh-sby-pencemaran",
        weight=3,
        titles=(
            "Limbah pabrik dibuang ke saluran di {kel}",
            "Bau menyengat dari usaha di {street}",
            "Asap pembakaran mengganggu warga",
        ),
        openings=(
            "Ada usaha di {street} yang buang limbah ke saluran, airnya jadi hitam dan berbusa.",
            "Tiap malam ada bau kimia menyengat dari gudang di dekat {street}.",
            "Cerobong pabrik di sekitar {kel} mengeluarkan asap hitam tiap pagi.",
        ),
        details=(
            "Ikan di sungai banyak yang mati {waktu}.",
            "Warga banyak yang batuk-batuk dan sesak napas.",
            "Pembuangannya biasanya lewat jam 10 malam biar tidak ketahuan.",
            "Sudah ditegur warga tapi tidak digubris.",
        ),
        answers=(
            "Terima kasih atas laporannya. Tim pengawasan telah mengambil sampel di lokasi pada "
            "{tgl}; usaha yang bersangkutan diberi sanksi administratif dan wajib memperbaiki "
            "IPAL.",
            "Hasil uji laboratorium sampel yang diambil pada {tgl} menunjukkan parameter melebihi "
            "baku mutu; perkara telah diteruskan untuk penegakan hukum lingkungan.",
        ),
    ),
    Subject(
        "pohon",
        "taman-pohon",
        "dlh-sby",
        weight=3,
        titles=("Pohon rawan tumbang di {street}", "Dahan pohon menimpa kabel"),
        openings=(
            "Pohon besar di {street} miring dan akarnya sudah terangkat.",
            "Dahan pohon di depan {rt} {kel} sudah kena kabel listrik.",
        ),
        details=(
            "Kalau angin kencang daunnya rontok dan dahan kecil jatuh.",
            "Takut roboh menimpa rumah atau pengendara.",
            "Sudah ada dahan patah {waktu}, untung tidak ada yang lewat.",
        ),
        answers=(
            "Terima kasih. Petugas telah melakukan perantingan pohon di {street} pada {tgl}.",
            "Pohon di {street} telah diperiksa pada {tgl}; karena lapuk, pohon ditebang dan "
            "diganti bibit baru.",
        ),
    ),
    Subject(
        "usul_taman",
        "taman-pohon",
        "dlh-sby",
        kind="aspirasi",
        weight=2,
        titles=("Usul taman bermain anak di {kel}", "Usulan ruang terbuka hijau"),
        openings=(
            "Kami mengusulkan lahan kosong milik pemkot di {street} dijadikan taman.",
            "Anak-anak di {kel} tidak punya tempat bermain, mohon dibuatkan taman kecil.",
        ),
        details=(
            "Sekarang lahan itu malah jadi tempat buang sampah.",
            "Karang taruna siap ikut merawat.",
            "Kalau bisa ada lampu dan tempat duduk buat lansia.",
        ),
        answers=(
            "Terima kasih atas usulan Bapak/Ibu. Lahan di {street} telah ditinjau pada {tgl} dan "
            "diusulkan menjadi taman aktif dalam rencana kerja berikutnya.",
        ),
    ),
    # --- Health (Dinkes, BPJS, Kemenkes, province) ---
    Subject(
        "puskesmas_antre",
        "layanan-puskesmas",
        "dinkes-sby",
        unit="dinkes-sby-yankes",
        weight=5,
        titles=(
            "Antrean lama di Puskesmas {kel}",
            "Pelayanan Puskesmas {kel} kurang ramah",
            "Dokter puskesmas tidak ada di tempat",
        ),
        openings=(
            "Saya berobat ke Puskesmas {kel} {waktu}, antre dari jam 7 baru dipanggil jam 11.",
            "Petugas pendaftaran di Puskesmas {kel} judes sekali ke pasien lansia.",
            "Di Puskesmas {kel} dokternya tidak ada, pasien disuruh balik besok.",
        ),
        details=(
            "Kursi tunggunya kurang, banyak yang berdiri.",
            "Nomor antrean online katanya penuh padahal baru dibuka.",
            "Obat yang diresepkan kosong, disuruh beli sendiri di apotek.",
            "Ibu saya sudah sepuh, kasihan harus menunggu lama.",
        ),
        answers=(
            "Terima kasih atas masukannya. Keluhan telah disampaikan kepada Kepala Puskesmas "
            "{kel}; mulai {tgl} ditambah loket pendaftaran dan petugas diberi pembinaan.",
            "Terima kasih. Ketersediaan obat di Puskesmas {kel} telah dipenuhi dari gudang "
            "farmasi kota pada {tgl}.",
        ),
    ),
    Subject(
        "dbd",
        "penyakit-menular",
        "dinkes-sby",
        unit="dinkes-sby-p2p",
        weight=3,
        titles=("Banyak warga kena DBD di {kel}", "Mohon fogging di {rt} {kel}"),
        openings=(
            "Di {rt} kelurahan {kel} sudah 3 anak kena demam berdarah bulan ini.",
            "Anak tetangga saya dirawat di rumah sakit karena DBD, mohon lingkungan kami "
            "difogging.",
        ),
        details=(
            "Banyak genangan di kaleng bekas dan ban di lahan kosong.",
            "Jumantik di kampung kami sudah tidak aktif.",
            "Nyamuknya banyak sekali walau siang hari.",
        ),
        answers=(
            "Terima kasih. Petugas Puskesmas {kel} telah melakukan penyelidikan epidemiologi pada "
            "{tgl}; fogging fokus dilaksanakan dan PSN bersama warga dijadwalkan tiap Jumat.",
        ),
    ),
    Subject(
        "usul_puskesmas_sore",
        "layanan-puskesmas",
        "dinkes-sby",
        kind="aspirasi",
        weight=1,
        titles=("Usul layanan puskesmas sore hari",),
        openings=(
            "Usul pak, Puskesmas {kel} dibuka sampai sore supaya pekerja bisa berobat.",
            "Mohon dipertimbangkan layanan sore di Puskesmas {kel}, kami buruh pabrik.",
        ),
        details=(
            "Kalau izin kerja untuk berobat gajinya dipotong.",
            "Klinik swasta mahal untuk kami.",
        ),
        answers=(
            "Terima kasih atas usulannya. Mulai {tgl} beberapa puskesmas membuka layanan sore; "
            "daftar puskesmas dapat dilihat di laman Dinas Kesehatan.",
        ),
    ),
    Subject(
        "rsud_soetomo",
        "rumah-sakit",
        "dinkes-jatim",
        unit="rsud-soetomo",
        near="35.78.08.1003",
        misroute=(
            "return",
            "dinkes-sby",
            "RSUD Dr. Soetomo milik Pemerintah Provinsi Jawa Timur, bukan kewenangan Dinkes Kota.",
        ),
        weight=2,
        titles=("Antrean IGD RSUD Dr. Soetomo", "Antrean poli RSUD Dr. Soetomo sampai siang"),
        openings=(
            "Bapak saya di IGD RSUD Dr. Soetomo {waktu}, menunggu kamar sampai 2 hari.",
            "Di poli RSUD Dr. Soetomo antre dari subuh, dokternya baru datang jam 11.",
        ),
        details=(
            "Pasien sampai dirawat di lorong.",
            "Keluarga pasien tidak dapat penjelasan apa-apa dari perawat.",
            "Parkirnya juga semrawut dan mahal.",
        ),
        answers=(
            "Terima kasih. Manajemen RSUD Dr. Soetomo telah mengevaluasi alur IGD; mulai {tgl} "
            "informasi ketersediaan tempat tidur ditampilkan di ruang tunggu.",
        ),
    ),
    Subject(
        "bpjs_nonaktif",
        "jkn-bpjs",
        "bpjs-kesehatan-sby",
        weight=4,
        titles=(
            "Kartu BPJS PBI tiba-tiba nonaktif",
            "BPJS tidak bisa dipakai berobat",
            "Pindah faskes BPJS tidak bisa",
        ),
        openings=(
            "Kartu BPJS Kesehatan saya dan istri tiba-tiba nonaktif waktu mau berobat {waktu}.",
            "Saya peserta PBI, pas mau kontrol di puskesmas katanya kepesertaan sudah tidak aktif.",
            "Mau pindah faskes lewat aplikasi Mobile JKN gagal terus.",
        ),
        details=(
            "Padahal kami masih tergolong tidak mampu.",
            "Disuruh ke kantor BPJS tapi antreannya panjang sekali.",
            "Anak saya harus rutin kontrol, jadi bayar umum mahal.",
            "Customer service di telepon 165 tidak bisa dihubungi.",
        ),
        answers=(
            "Terima kasih. Status kepesertaan telah dicek pada {tgl}: peserta terdampak "
            "pemutakhiran data PBI dan telah diaktifkan kembali melalui usulan Dinas Sosial.",
            "Terima kasih. Perpindahan faskes telah kami proses pada {tgl} dan berlaku bulan "
            "berikutnya.",
        ),
    ),
    Subject(
        "bpjs_rs_bayar",
        "jkn-bpjs",
        "bpjs-kesehatan-sby",
        weight=2,
        titles=("Pasien BPJS disuruh beli obat sendiri", "Rumah sakit minta iur biaya pasien JKN"),
        openings=(
            "Ibu saya rawat inap pakai BPJS di rumah sakit swasta di {kec}, tapi disuruh beli obat "
            "sendiri.",
            "Pasien JKN disuruh bayar selisih kamar padahal tidak naik kelas.",
        ),
        details=(
            "Totalnya hampir 2 juta, kami tidak punya uang.",
            "Katanya obatnya tidak ditanggung, apa benar begitu?",
        ),
        answers=(
            "Terima kasih. BPJS Kesehatan telah mengklarifikasi rumah sakit pada {tgl}; biaya "
            "obat yang termasuk paket INA-CBG dikembalikan kepada keluarga pasien.",
        ),
    ),
    Subject(
        "ckg",
        "program-kesehatan",
        "kemenkes",
        where="jatim",
        weight=1,
        titles=("Pendaftaran Cek Kesehatan Gratis gagal",),
        openings=(
            "Mau daftar Cek Kesehatan Gratis lewat aplikasi SATUSEHAT Mobile tapi gagal terus.",
            "Jadwal Cek Kesehatan Gratis di puskesmas selalu penuh, aplikasinya error.",
        ),
        details=(
            "Muncul tulisan NIK tidak ditemukan padahal KTP saya aktif.",
            "Sudah coba berkali-kali sejak {waktu}.",
        ),
        answers=(
            "Terima kasih. Kendala sinkronisasi NIK telah diperbaiki pada {tgl}; silakan mencoba "
            "mendaftar kembali.",
        ),
    ),
    # --- Education ---
    Subject(
        "spmb_smp",
        "ppdb",
        "dispendik-sby",
        unit="dispendik-sby-smp",
        weight=4,
        titles=(
            "Anak tidak diterima SMP negeri terdekat",
            "Akun SPMB tidak bisa login",
            "SPMB SMP jalur domisili tidak adil",
        ),
        openings=(
            "Anak saya tidak diterima di SMPN terdekat padahal rumah kami cuma 500 meter dari "
            "sekolah di {kel}.",
            "Akun SPMB anak saya tidak bisa login dari kemarin, padahal pendaftaran mau ditutup.",
            "Ada anak yang KK-nya baru pindah ke {kel} tapi diterima jalur domisili.",
        ),
        details=(
            "Mohon sistemnya diawasi dengan benar.",
            "Operator sekolah tidak bisa membantu, disuruh ke dinas.",
            "Kalau masuk swasta biayanya berat bagi kami.",
            "Nilai rapor anak saya bagus tapi kalah dengan yang jauh rumahnya.",
        ),
        answers=(
            "Terima kasih. Tim SPMB telah melakukan verifikasi faktual domisili pada {tgl}; "
            "pendaftar yang terbukti memalsukan domisili dibatalkan dan kuota dialihkan.",
            "Kendala akun telah diperbaiki oleh tim teknis pada {tgl}; silakan login kembali "
            "menggunakan NISN dan token baru.",
        ),
    ),
    Subject(
        "spmb_sma",
        "ppdb",
        "dindik-jatim",
        misroute=(
            "return",
            "dispendik-sby",
            "SPMB SMA/SMK kewenangan Dinas Pendidikan Provinsi Jawa Timur.",
        ),
        weight=3,
        titles=("SPMB SMA zonasi bermasalah", "Anak tidak dapat SMA negeri di Surabaya"),
        openings=(
            "Anak saya mendaftar SPMB SMA negeri jalur domisili dari {kel} tapi terlempar.",
            "Sistem SPMB SMA Jatim error pas hari terakhir pendaftaran.",
        ),
        details=(
            "Titik koordinat rumah kami di peta sistem salah.",
            "Posko bantuan penuh dan tidak ada kejelasan.",
            "Kami tidak mampu kalau harus ke SMA swasta.",
        ),
        answers=(
            "Terima kasih. Dinas Pendidikan Provinsi Jawa Timur telah memperbaiki titik koordinat "
            "domisili pada {tgl} dan memproses ulang pemeringkatan.",
        ),
    ),
    Subject(
        "pungutan_sekolah",
        "pungutan-sekolah",
        "dispendik-sby",
        unit="dispendik-sby-sd",
        weight=3,
        titles=(
            "Pungutan uang seragam di SD negeri",
            "Sekolah negeri wajibkan beli LKS",
            "Iuran perpisahan mahal",
        ),
        openings=(
            "Di SDN {kel} wali murid diwajibkan bayar seragam dan buku Rp 1.200.000.",
            "Anak saya di SD negeri di {kec} disuruh beli LKS tiap semester lewat sekolah.",
            "Ada iuran wisuda dan perpisahan yang diwajibkan komite sekolah.",
        ),
        details=(
            "Katanya kalau tidak bayar rapor ditahan.",
            "Kami keluarga MBR, tidak sanggup bayar segitu.",
            "Tolong identitas saya dirahasiakan, takut anak saya diperlakukan beda.",
        ),
        answers=(
            "Terima kasih. Kepala sekolah telah dipanggil pada {tgl}; pungutan wajib dihentikan "
            "dan uang yang sudah dibayarkan dikembalikan melalui komite.",
        ),
    ),
    Subject(
        "pip",
        "bantuan-pendidikan",
        "kemendikdasmen",
        where="jatim",
        weight=2,
        titles=("Dana PIP belum cair", "Anak terdaftar PIP tapi dana tidak masuk"),
        openings=(
            "Anak saya terdaftar penerima PIP tapi dananya belum cair sampai sekarang.",
            "Rekening SimPel PIP anak saya belum diaktivasi, bank minta surat dari sekolah.",
        ),
        details=(
            "Sekolah bilang itu urusan pusat.",
            "Sudah {lama} bolak-balik ke bank.",
        ),
        answers=(
            "Terima kasih. Status penerima telah dicek pada {tgl}: rekening perlu aktivasi dengan "
            "surat keterangan kepala sekolah; bank penyalur telah kami minta membantu.",
        ),
    ),
    Subject(
        "tpg",
        "guru-tendik",
        "kemendikdasmen",
        where="jatim",
        weight=1,
        titles=("Tunjangan profesi guru belum cair",),
        openings=(
            "Saya guru bersertifikat di {kec}, tunjangan profesi triwulan ini belum cair.",
            "Data di Info GTK saya tidak valid jadi TPG tertahan.",
        ),
        details=("Operator dapodik sekolah sudah memperbaiki data.", "Guru lain sudah cair."),
        answers=(
            "Terima kasih. Data Info GTK telah disinkronkan pada {tgl}; tunjangan akan "
            "dibayarkan pada penyaluran berikutnya.",
        ),
    ),
    Subject(
        "tanya_spmb",
        "ppdb",
        "dispendik-sby",
        kind="permintaan_informasi",
        weight=2,
        titles=("Tanya jadwal SPMB SD", "Syarat jalur afirmasi SPMB SMP"),
        openings=(
            "Mau tanya jadwal SPMB SD negeri tahun ini kapan dibuka?",
            "Apa saja syarat jalur afirmasi SPMB SMP untuk keluarga MBR?",
        ),
        details=("Anak saya lahir tahun 2019.", "Kami tinggal di {kel}."),
        answers=(
            "Terima kasih atas pertanyaannya. Jadwal dan persyaratan SPMB diumumkan di laman resmi "
            "SPMB Kota Surabaya; jalur afirmasi mensyaratkan terdaftar sebagai keluarga MBR.",
        ),
    ),
    # --- Population administration ---
    Subject(
        "ktp_belum_jadi",
        "ktp-el",
        "dispendukcapil-sby",
        weight=4,
        titles=(
            "KTP-el belum jadi berbulan-bulan",
            "Cetak ulang KTP tidak bisa, blanko habis",
            "Pengajuan KTP online tidak selesai",
        ),
        openings=(
            "Saya rekam KTP-el di kecamatan {kec} {lama} yang lalu, sampai sekarang belum jadi.",
            "Mau cetak ulang KTP yang hilang, kata kelurahan {kel} blanko habis.",
            "Pengajuan KTP lewat Klampid online statusnya diproses terus tidak selesai.",
        ),
        details=(
            "Saya butuh KTP untuk melamar kerja.",
            "Sudah dapat surat keterangan tapi bank tidak mau menerima.",
            "Bolak-balik ke kecamatan tidak ada kejelasan.",
        ),
        answers=(
            "Terima kasih. KTP-el pemohon telah dicetak pada {tgl} dan dapat diambil di kantor "
            "Kecamatan {kec} dengan membawa bukti perekaman.",
            "Terima kasih. Pengajuan telah kami proses ulang pada {tgl}; silakan cek status di "
            "layanan daring Dispendukcapil.",
        ),
    ),
    Subject(
        "kk_salah",
        "kartu-keluarga",
        "dispendukcapil-sby",
        weight=3,
        titles=("Data di KK salah", "Pecah KK lama prosesnya"),
        openings=(
            "Nama ibu saya di KK salah ketik, mau dibetulkan prosesnya lama.",
            "Saya mengajukan pecah KK {lama} lalu belum selesai juga.",
        ),
        details=(
            "Padahal mau dipakai daftar sekolah anak.",
            "Berkas sudah lengkap sesuai syarat.",
            "Setiap tanya ke kelurahan {kel} disuruh menunggu.",
        ),
        answers=(
            "Terima kasih. Perbaikan data KK telah selesai pada {tgl}; KK baru dapat dicetak "
            "mandiri dengan kertas HVS.",
        ),
    ),
    Subject(
        "akta",
        "akta-catatan-sipil",
        "dispendukcapil-sby",
        weight=2,
        titles=("Akta kelahiran anak belum terbit", "Akta kematian lama diurus"),
        openings=(
            "Akta kelahiran anak saya yang lahir bulan lalu belum terbit.",
            "Mengurus akta kematian bapak saya sudah {lama} belum selesai.",
        ),
        details=("Dokumennya sangat dibutuhkan segera.", "Sudah {lama} menunggu tanpa kabar."),
        answers=("Terima kasih. Akta telah terbit pada {tgl} dan dikirim ke surel pemohon.",),
    ),
    Subject(
        "tanya_kk",
        "kartu-keluarga",
        "dispendukcapil-sby",
        kind="permintaan_informasi",
        weight=2,
        titles=("Syarat tambah anggota KK", "Cara pindah domisili ke Surabaya"),
        openings=(
            "Mau tanya syarat menambah anak ke KK kalau lahirnya di luar kota?",
            "Bagaimana prosedur pindah domisili dari Sidoarjo ke {kel}?",
        ),
        details=("Apakah bisa online atau harus datang?", "Berapa lama prosesnya?"),
        answers=(
            "Terima kasih atas pertanyaannya. Permohonan dapat diajukan daring dengan melampirkan "
            "akta kelahiran/SKPWNI dan KK lama; proses paling lama 3 hari kerja.",
        ),
    ),
    Subject(
        "nik_dipakai",
        "data-kependudukan",
        "ditjen-dukcapil",
        where="jatim",
        weight=1,
        titles=("NIK saya dipakai orang lain", "Data NIK ganda"),
        openings=(
            "NIK saya terdaftar di data orang lain waktu mau daftar kartu SIM telepon.",
            "Waktu cek DTKS ternyata NIK saya ganda dengan orang di luar provinsi.",
        ),
        details=(
            "Saya khawatir disalahgunakan untuk pinjol.",
            "Dispendukcapil kota suruh lapor ke pusat.",
        ),
        answers=(
            "Terima kasih. Data ganda telah ditunggalkan pada {tgl}; NIK pemohon kini hanya "
            "terhubung ke satu data penduduk.",
        ),
    ),
    # --- Transport and parking ---
    Subject(
        "parkir_liar",
        "parkir",
        "dishub-sby",
        unit="dishub-sby-parkir",
        misroute=(
            "transfer",
            "satpolpp-sby",
            "Penertiban juru parkir liar di tepi jalan umum kewenangan Dinas Perhubungan.",
        ),
        weight=5,
        titles=(
            "Jukir liar minta tarif mahal di {street}",
            "Parkir di badan jalan bikin macet",
            "Jukir memaksa minta uang parkir",
        ),
        openings=(
            "Di depan minimarket {street} ada jukir liar minta Rp 5.000 tanpa karcis.",
            "Mobil parkir dua lapis di {street}, jalan jadi tinggal satu lajur.",
            "Jukir di sekitar {street} maksa minta uang parkir padahal cuma sebentar.",
        ),
        details=(
            "Tidak pakai rompi resmi dan tidak ada karcis.",
            "Kalau tidak dikasih malah marah-marah.",
            "Macetnya sampai ke perempatan tiap jam pulang kerja.",
            "Padahal ada tulisan dilarang parkir.",
        ),
        answers=(
            "Terima kasih. Tim UPTD Parkir telah melakukan penertiban di {street} pada {tgl}; "
            "jukir tanpa izin diberi pembinaan dan lokasi masuk jadwal patroli.",
        ),
    ),
    Subject(
        "lampu_lalin",
        "lampu-lalu-lintas",
        "dishub-sby",
        unit="dishub-sby-lalin",
        weight=3,
        titles=("Traffic light mati di simpang {street}", "Lampu lalu lintas tidak sinkron"),
        openings=(
            "Lampu lalu lintas di simpang {street} mati sejak {waktu}.",
            "Traffic light di perempatan dekat {kel} hijaunya cuma 10 detik, antre panjang.",
        ),
        details=(
            "Hampir terjadi tabrakan karena semua arah jalan.",
            "Tidak ada petugas yang mengatur.",
            "Rambu penunjuk arahnya juga tertutup pohon.",
        ),
        answers=(
            "Terima kasih. Kontroler lampu di simpang {street} telah diperbaiki pada {tgl} dan "
            "durasi fase disesuaikan.",
        ),
    ),
    Subject(
        "angkutan",
        "angkutan-umum",
        "dishub-sby",
        kind="aspirasi",
        weight=2,
        titles=("Usul rute feeder Wira Wiri ke {kel}", "Suroboyo Bus jarang lewat"),
        openings=(
            "Usul rute feeder Wira Wiri diperpanjang sampai {kel}.",
            "Suroboyo Bus di halte dekat {street} datangnya lama sekali, bisa 40 menit.",
        ),
        details=(
            "Banyak pelajar dan lansia yang butuh angkutan murah.",
            "Kalau ada jadwal pasti kami mau beralih dari motor.",
        ),
        answers=(
            "Terima kasih atas usulannya. Kajian rute baru sedang dilakukan dan penambahan armada "
            "direncanakan; informasi jadwal dapat dipantau di aplikasi GoBis.",
        ),
    ),
    Subject(
        "terminal_purabaya",
        "terminal",
        "bptd-jatim",
        where="province",
        near="35.15",
        weight=1,
        titles=("Calo di Terminal Purabaya", "Toilet Terminal Purabaya kotor"),
        openings=(
            "Di Terminal Purabaya (Bungurasih) banyak calo yang memaksa penumpang.",
            "Toilet di Terminal Purabaya kotor dan dipungut bayaran dobel.",
        ),
        details=("Penumpang dari luar kota jadi takut.", "Petugas terminal diam saja."),
        answers=(
            "Terima kasih. Bersama kepolisian telah dilakukan penertiban calo pada {tgl} dan "
            "pengelola toilet diberi teguran.",
        ),
    ),
    # --- Public order (Satpol PP) ---
    Subject(
        "pkl",
        "pkl",
        "satpolpp-sby",
        misroute=("transfer", "dishub-sby", "Penertiban PKL merupakan tugas Satpol PP."),
        weight=4,
        titles=("PKL berjualan di trotoar {street}", "Lapak PKL menutup jalan"),
        openings=(
            "PKL di {street} menutup trotoar, pejalan kaki harus turun ke jalan.",
            "Lapak-lapak di sekitar {street} makin banyak dan buang sampahnya sembarangan.",
        ),
        details=(
            "Malam hari bahkan sampai makan separuh badan jalan.",
            "Sudah pernah ditertibkan tapi seminggu kemudian balik lagi.",
            "Pembeli parkir sembarangan, jadi macet.",
        ),
        answers=(
            "Terima kasih. Satpol PP telah menertibkan PKL di {street} pada {tgl} dan "
            "mengarahkan pedagang ke sentra wisata kuliner terdekat.",
        ),
    ),
    Subject(
        "kebisingan",
        "kebisingan",
        "satpolpp-sby",
        weight=3,
        titles=(
            "Kafe di {street} berisik sampai dini hari",
            "Karaoke bising setiap malam",
            "Balap liar dan knalpot brong di {street}",
        ),
        openings=(
            "Kafe di {street} memutar musik keras sampai jam 2 pagi.",
            "Ada rumah karaoke di dekat {rt} {kel} yang berisik setiap malam.",
            "Tiap malam minggu ada balap liar di {street}, suara knalpot brong bikin tidak bisa "
            "tidur.",
        ),
        details=(
            "Anak saya besok sekolah tapi tidak bisa tidur.",
            "Sudah ditegur baik-baik tapi malah ditantang.",
            "Ada orang tua yang sakit jantung di rumah.",
        ),
        answers=(
            "Terima kasih. Pemilik usaha di {street} telah dipanggil dan diberi teguran tertulis "
            "pada {tgl}; patroli malam dilakukan di lokasi.",
        ),
    ),
    Subject(
        "bangunan_liar",
        "bangunan-liar",
        "satpolpp-sby",
        weight=2,
        titles=("Bangunan liar di bantaran sungai {kel}", "Bangunan tanpa izin menutup saluran"),
        openings=(
            "Ada bangunan permanen berdiri di atas saluran di {street}.",
            "Di bantaran sungai dekat {kel} muncul bangunan-bangunan baru tanpa izin.",
        ),
        details=(
            "Akibatnya saluran tidak bisa dibersihkan.",
            "Dipakai jadi gudang rongsokan.",
        ),
        answers=(
            "Terima kasih. Pemilik bangunan di {street} telah diberi surat peringatan pada {tgl} "
            "dan pembongkaran dijadwalkan bersama kecamatan.",
        ),
    ),
    # --- Social (Dinsos, Kemensos) ---
    Subject(
        "bansos_salah_sasaran",
        "bansos",
        "dinsos-sby",
        weight=4,
        titles=(
            "Bansos salah sasaran di {kel}",
            "Bantuan permakanan lansia berhenti",
            "Keluarga miskin tidak dapat bantuan",
        ),
        openings=(
            "Tetangga saya yang punya mobil dapat bansos, kami yang benar-benar susah tidak dapat.",
            "Bantuan permakanan untuk ibu saya yang lansia berhenti sejak {lama}.",
            "Keluarga kami sudah didata RT tapi tidak pernah dapat bantuan apa pun.",
        ),
        details=(
            "Suami saya sudah tidak kerja sejak kena PHK.",
            "Mohon didata ulang secara adil.",
            "Kata kelurahan {kel} datanya dari pusat.",
        ),
        answers=(
            "Terima kasih. Verifikasi lapangan bersama Kelurahan {kel} dilaksanakan pada {tgl}; "
            "keluarga pelapor diusulkan masuk data penerima pada pemutakhiran berikutnya.",
        ),
    ),
    Subject(
        "pkh",
        "bansos",
        "kemensos",
        where="jatim",
        weight=2,
        titles=("PKH tidak cair", "Status DTSEN tidak sesuai"),
        openings=(
            "Bantuan PKH saya tahap ini tidak cair padahal tahap lalu masih dapat.",
            "Di cek bansos status saya dinyatakan tidak layak, padahal kondisi kami tidak berubah.",
        ),
        details=("Pendamping PKH juga tidak tahu sebabnya.", "Anak saya masih sekolah SD dan SMP."),
        answers=(
            "Terima kasih. Hasil pengecekan pada {tgl}: data keluarga perlu pemutakhiran desil "
            "di DTSEN; usulan perbaikan telah dikirim melalui dinas sosial setempat.",
        ),
    ),
    Subject(
        "pmks",
        "pmks",
        "dinsos-sby",
        weight=2,
        titles=("Anak jalanan di lampu merah {street}", "ODGJ telantar di {street}"),
        openings=(
            "Banyak anak kecil mengamen dan mengemis di lampu merah {street}.",
            "Ada ODGJ tidur di emperan toko dekat {street} sudah berhari-hari.",
        ),
        details=("Kasihan, sudah berhari-hari di situ.", "Kadang mengganggu pengguna jalan."),
        answers=(
            "Terima kasih. Tim penjangkauan telah menjemput yang bersangkutan pada {tgl} untuk "
            "pembinaan dan layanan kesehatan.",
        ),
    ),
    Subject(
        "tanya_bansos",
        "bansos",
        "dinsos-sby",
        kind="permintaan_informasi",
        weight=2,
        titles=("Cara daftar bansos", "Cara mengajukan permakanan lansia"),
        openings=(
            "Bagaimana cara mendaftar sebagai penerima bansos di Surabaya?",
            "Ibu saya umur 75 tahun tinggal sendiri, bagaimana mengajukan bantuan permakanan?",
        ),
        details=("Kami warga {kel}.", "Apa perlu surat dari RT?"),
        answers=(
            "Terima kasih atas pertanyaannya. Pengajuan dilakukan melalui kelurahan setempat "
            "dengan membawa KK dan KTP; petugas akan melakukan survei kelayakan.",
        ),
    ),
    # --- Water (PDAM) ---
    Subject(
        "air_mati",
        "air-mati",
        "pdam-sby",
        unit="pdam-sby-distribusi",
        weight=6,
        titles=(
            "Air PDAM mati di {kel}",
            "Air PDAM kecil sekali alirannya",
            "Air PDAM hanya mengalir tengah malam",
        ),
        openings=(
            "Air PDAM di {street} mati total sejak {waktu}.",
            "Aliran air PDAM di rumah kami {rt} {kel} kecil sekali, cuma netes.",
            "Sudah {lama} air PDAM hanya mengalir tengah malam.",
        ),
        details=(
            "Tidak ada pemberitahuan sebelumnya.",
            "Kami harus beli air galon untuk mandi.",
            "Tetangga satu gang juga sama.",
            "Tagihannya tetap jalan padahal air tidak ada.",
        ),
        answers=(
            "Terima kasih. Gangguan di {kel} disebabkan perbaikan pipa distribusi; aliran normal "
            "kembali pada {tgl}. Mohon maaf atas ketidaknyamanannya.",
            "Terima kasih. Petugas telah membersihkan meter air yang tersumbat di rumah pelanggan "
            "pada {tgl}; tekanan air kembali normal.",
        ),
    ),
    Subject(
        "air_keruh",
        "kualitas-air",
        "pdam-sby",
        unit="pdam-sby-distribusi",
        weight=3,
        titles=("Air PDAM keruh kecokelatan", "Air PDAM bau kaporit dan ada cacingnya"),
        openings=(
            "Air PDAM di {street} keruh kecokelatan sejak {waktu}.",
            "Air yang keluar dari keran berbau kaporit menyengat dan ada cacingnya.",
        ),
        details=("Tidak bisa dipakai masak.", "Bak mandi jadi berlumut cepat sekali."),
        answers=(
            "Terima kasih. Pengurasan (flushing) pipa di {kel} telah dilakukan pada {tgl}; hasil "
            "uji kualitas air memenuhi standar.",
        ),
    ),
    Subject(
        "tagihan_pdam",
        "tagihan-air",
        "pdam-sby",
        unit="pdam-sby-pelanggan",
        weight=3,
        titles=("Tagihan PDAM melonjak", "Tagihan air tidak sesuai meter"),
        openings=(
            "Tagihan PDAM bulan ini naik jadi 4 kali lipat padahal pemakaian biasa saja.",
            "Petugas catat meter tidak pernah datang, tagihannya ditaksir.",
        ),
        details=(
            "Nomor pelanggan saya 0213457789.",
            "Sudah komplain ke call center tapi disuruh menunggu.",
            "Tidak ada kebocoran di rumah kami.",
        ),
        answers=(
            "Terima kasih. Petugas telah memeriksa meter air pada {tgl}; ditemukan salah catat "
            "dan kelebihan tagihan dikoreksi pada rekening berikutnya.",
        ),
    ),
    Subject(
        "pipa_bocor",
        "pipa-bocor",
        "pdam-sby",
        unit="pdam-sby-distribusi",
        weight=3,
        titles=("Pipa PDAM bocor di {street}", "Air muncrat dari pipa pecah"),
        openings=(
            "Pipa PDAM di {street} bocor, airnya mengalir ke jalan sejak {waktu}.",
            "Ada pipa pecah di bawah trotoar {street}, airnya muncrat.",
        ),
        details=("Sayang airnya terbuang percuma.", "Jalannya jadi licin dan berlubang."),
        answers=("Terima kasih. Pipa yang bocor di {street} telah diperbaiki pada {tgl}.",),
    ),
    Subject(
        "tanya_pdam",
        "tagihan-air",
        "pdam-sby",
        kind="permintaan_informasi",
        weight=1,
        titles=("Cara pasang baru PDAM",),
        openings=(
            "Mau tanya prosedur dan biaya pasang baru sambungan PDAM untuk rumah di {kel}.",
            "Apakah ada program sambungan air murah untuk MBR?",
        ),
        details=("Rumah kami baru dibangun.",),
        answers=(
            "Terima kasih atas pertanyaannya. Permohonan sambungan baru dapat diajukan daring; "
            "biaya dan program sambungan MBR tercantum pada laman PDAM Surya Sembada.",
        ),
    ),
    # --- Electricity (PLN) ---
    Subject(
        "pln_padam",
        "pemadaman",
        "pln-uid-jatim",
        where="jatim",
        weight=3,
        titles=("Listrik sering padam di {kel}", "Pemadaman tanpa pemberitahuan"),
        openings=(
            "Listrik di {kel} padam 3 kali dalam seminggu tanpa pemberitahuan.",
            "{waktu} listrik mati dari sore sampai tengah malam.",
        ),
        details=(
            "Kulkas dan pompa air rusak gara-gara naik turun.",
            "Usaha laundry saya jadi rugi.",
            "Nelpon PLN 123 katanya ada gangguan jaringan.",
        ),
        answers=(
            "Terima kasih. Gangguan disebabkan trafo kelebihan beban; trafo sisipan telah "
            "dipasang pada {tgl} sehingga pasokan stabil.",
        ),
    ),
    Subject(
        "pln_tagihan",
        "tagihan-listrik",
        "pln-uid-jatim",
        where="jatim",
        weight=2,
        titles=("Token listrik tidak masuk", "Tagihan listrik melonjak"),
        openings=(
            "Saya beli token listrik lewat aplikasi tapi kodenya ditolak meteran.",
            "Tagihan listrik pascabayar bulan ini naik dua kali lipat.",
        ),
        details=(
            "Sudah lapor ke PLN 123 tapi belum ada penyelesaian.",
            "Sudah {lama} belum beres.",
        ),
        answers=(
            "Terima kasih. Kode token telah direset oleh petugas pada {tgl} dan saldo kWh sudah "
            "masuk.",
        ),
    ),
    # --- Police and traffic ---
    Subject(
        "sim",
        "sim",
        "satlantas-sby",
        weight=2,
        titles=("Calo di layanan SIM", "Ujian praktik SIM dipersulit"),
        openings=(
            "Di Satpas SIM Colombo ada calo menawarkan SIM jadi tanpa tes.",
            "Ujian praktik SIM C dibuat sangat sulit, sudah 3 kali gagal.",
        ),
        details=("Banyak pemohon lain mengalami hal yang sama.", "Mohon pelayanan SIM dibenahi."),
        answers=(
            "Terima kasih. Propam dan Satlantas telah menindak calo yang dilaporkan pada {tgl}; "
            "pelayanan SIM hanya melalui loket resmi.",
        ),
    ),
    Subject(
        "etle",
        "tilang",
        "korlantas-polri",
        where="jatim",
        weight=1,
        titles=("Surat tilang ETLE salah kendaraan",),
        openings=(
            "Saya menerima surat konfirmasi ETLE untuk motor L 4521 XY padahal bukan kendaraan "
            "saya.",
            "Dapat tilang ETLE padahal pada tanggal itu motor saya di bengkel.",
        ),
        details=("Di foto jelas motornya beda jenis.", "Takut tidak bisa bayar pajak kendaraan."),
        answers=(
            "Terima kasih. Data pelanggaran telah diverifikasi pada {tgl} dan dibatalkan karena "
            "pelat nomor palsu; blokir STNK telah dibuka.",
        ),
    ),
    # --- Kelurahan services (routed to the local office) ---
    Subject(
        "surat_pengantar",
        "surat-pengantar",
        "@village",
        weight=3,
        titles=(
            "Surat pengantar di kelurahan {kel} lama",
            "Dipungut biaya surat keterangan",
        ),
        openings=(
            "Mengurus surat keterangan domisili di kantor kelurahan {kel} disuruh kembali 3 kali.",
            "Minta surat pengantar SKCK di kelurahan {kel} dimintai uang Rp 50.000.",
        ),
        details=("Katanya petugasnya sedang rapat.", "Padahal semua syarat sudah saya bawa."),
        answers=(
            "Terima kasih. Surat telah diselesaikan pada {tgl}; petugas yang bersangkutan telah "
            "diberi pembinaan dan seluruh layanan kelurahan tidak dipungut biaya.",
        ),
    ),
    Subject(
        "pelayanan_kelurahan",
        "pelayanan-kantor",
        "@village",
        weight=2,
        titles=("Kantor kelurahan {kel} tutup jam kerja", "Petugas kelurahan tidak di tempat"),
        openings=(
            "Jam 1 siang kantor kelurahan {kel} sudah tutup, padahal hari kerja.",
            "Di kelurahan {kel} petugas layanan sering tidak ada di meja.",
        ),
        details=("Saya sudah izin kerja untuk mengurus.", "Antrean online juga tidak jalan."),
        answers=(
            "Terima kasih. Jadwal piket layanan kelurahan {kel} telah diperbaiki mulai {tgl} "
            "sehingga layanan buka penuh pada jam kerja.",
        ),
    ),
    # --- Housing and local taxes ---
    Subject(
        "rusunawa",
        "rusunawa",
        "dprkpp-sby",
        weight=2,
        titles=("Atap rusunawa bocor", "Lift rusunawa rusak"),
        openings=(
            "Atap unit kami di rusunawa dekat {kel} bocor parah kalau hujan.",
            "Lift di blok B rusunawa sudah {lama} rusak, lansia harus naik tangga 5 lantai.",
        ),
        details=(
            "Sudah lapor ke pengelola tapi belum ada perbaikan.",
            "Kami membayar sewa tepat waktu.",
        ),
        answers=("Terima kasih. Perbaikan atap dan lift rusunawa telah dilaksanakan pada {tgl}.",),
    ),
    Subject(
        "pbb",
        "pbb",
        "bapenda-sby",
        weight=2,
        titles=("SPPT PBB naik drastis", "Nama di SPPT PBB salah"),
        openings=(
            "PBB rumah saya di {kel} tahun ini naik hampir 3 kali lipat.",
            "Nama wajib pajak di SPPT PBB masih nama pemilik lama.",
        ),
        details=(
            "Mohon penjelasan dan solusinya.",
            "Sudah tanya ke kelurahan tapi disuruh ke Bapenda.",
        ),
        answers=(
            "Terima kasih. Pengajuan keberatan/pembetulan SPPT telah diproses pada {tgl}; SPPT "
            "baru dapat diunduh melalui layanan e-PBB.",
        ),
    ),
    Subject(
        "tanya_pbb",
        "pbb",
        "bapenda-sby",
        kind="permintaan_informasi",
        weight=1,
        titles=("Keringanan PBB untuk pensiunan",),
        openings=("Apakah ada keringanan PBB untuk pensiunan atau veteran?",),
        details=("Saya tinggal di {kel}.",),
        answers=(
            "Terima kasih atas pertanyaannya. Keringanan PBB dapat diajukan daring melalui "
            "layanan e-PBB dengan melampirkan bukti pensiun atau kartu veteran.",
        ),
    ),
    # --- Elsewhere in Jawa Timur (provincial offices) ---
    Subject(
        "jalan_provinsi",
        "jalan-rusak",
        "dpubm-jatim",
        where="province",
        weight=3,
        titles=("Jalan provinsi rusak di {kab}", "Jalan berlubang ruas {kec}"),
        openings=(
            "Jalan raya di {kec}, {kab} rusak parah dan banyak lubang.",
            "Ruas jalan provinsi dekat Desa {kel} ({kab}) bergelombang dan ambles.",
        ),
        details=(
            "Truk tambang lewat setiap hari.",
            "Sudah banyak kecelakaan motor di sana.",
            "Kalau malam tidak ada penerangan sama sekali.",
        ),
        answers=(
            "Terima kasih. UPT Pengelolaan Jalan dan Jembatan telah melakukan penambalan ruas "
            "tersebut pada {tgl}.",
        ),
    ),
    Subject(
        "pajak_kendaraan",
        "pajak-kendaraan",
        "bapenda-jatim",
        where="jatim",
        weight=2,
        titles=("Bayar pajak kendaraan online gagal", "Antrean Samsat panjang"),
        openings=(
            "Bayar pajak motor lewat aplikasi Sapawarga sudah terpotong tapi status belum lunas.",
            "Antrean di Samsat {kab} dari pagi sampai siang tidak selesai.",
        ),
        details=("Takut kena denda.", "Sudah {lama} belum ada kejelasan."),
        answers=(
            "Terima kasih. Pembayaran telah tersinkron pada {tgl} dan status pajak sudah lunas.",
        ),
    ),
    Subject(
        "sma_pungutan",
        "pungutan-sekolah",
        "dindik-jatim",
        where="province",
        weight=2,
        titles=("Uang gedung di SMA negeri", "Sumbangan wajib bulanan di SMK negeri"),
        openings=(
            "Anak saya di SMA negeri di {kab} ditarik uang gedung Rp 3 juta.",
            "SMK negeri di {kec} menarik sumbangan wajib tiap bulan.",
        ),
        details=("Katanya untuk pembangunan musholla.", "Padahal sudah ada BPOPP dari provinsi."),
        answers=(
            "Terima kasih. Cabang Dinas Pendidikan telah mengklarifikasi sekolah pada {tgl}; "
            "sumbangan bersifat sukarela dan tidak boleh ditentukan nominal maupun waktunya.",
        ),
    ),
]
