# Times are shown in the site's zone (Asia/Jakarta), and say so (WIB).
DATETIME_FORMAT = r"j F Y, H:i \W\I\B"
SHORT_DATETIME_FORMAT = r"j M Y, H:i \W\I\B"
TIME_FORMAT = r"H:i \W\I\B"
