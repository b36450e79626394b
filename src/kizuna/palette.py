"""Colours and marker shapes shared by the dashboard's charts and the printed briefs, so a
mechanism or a country looks the same on screen and on paper."""

#: Countries get fixed colours (Japan and the U.S. their flags' reds and blues), others a palette.
COUNTRY_COLOURS = {"JP": "#c8102e", "US": "#1f4e99", "INT": "#6b7280", "GB": "#7c3aed",
                   "DE": "#d97706", "FR": "#0891b2", "KR": "#059669", "TW": "#db2777",
                   "IN": "#ea580c", "AU": "#65a30d", "CA": "#b91c1c", "NL": "#f59e0b",
                   "SG": "#0d9488", "IL": "#2563eb", "CN": "#a16207"}
PALETTE = ["#4b5563", "#0f766e", "#9333ea", "#be123c", "#0369a1", "#4d7c0f", "#a21caf",
            "#c2410c"]
#: Organization kinds drawn as marker symbols in the network view.
KIND_SYMBOLS = {"company": "circle", "startup": "circle-open", "university": "square",
                "national_lab": "square-open", "government": "diamond", "ministry": "diamond",
                "government_agency": "diamond-open", "intergovernmental_body": "star",
                "program": "triangle-up", "fund": "hexagon", "industry_association": "pentagon",
                "think_tank": "cross", "nonprofit": "cross-open", "military_unit": "x",
                "media": "triangle-down"}
#: The same shapes as text, for the network view's key under the chart.
KIND_GLYPHS = {"circle": "●", "circle-open": "○", "square": "■", "square-open": "□",
               "diamond": "◆", "diamond-open": "◇", "star": "★", "triangle-up": "▲",
               "hexagon": "⬢", "pentagon": "⬟", "cross": "✚", "cross-open": "✛", "x": "✖",
               "triangle-down": "▼"}
MECHANISM_COLOURS = {"joint_development": "#1f4e99", "partnership": "#5b8bd9",
                     "investment": "#0f766e", "corporate_venture": "#5eead4",
                     "acquisition": "#7c3aed", "research_lab": "#d97706",
                     "market_entry": "#f59e0b", "government_agreement": "#c8102e",
                     "dialogue": "#f87171", "funding": "#65a30d", "talent_exchange": "#a3e635",
                     "joint_mission": "#334155"}
