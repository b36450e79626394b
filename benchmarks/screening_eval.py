"""Accuracy of kizuna's screening matchers against the plain rapidfuzz WRatio baseline, on a
realistic labelled set built from the real lists in ../shared (read in place, never copied).

For a seeded sample of listed organizations (the seed is fixed, so every run builds the same set):

- ``alias_group``: each alias and the main name must find their entity;
- ``case``, ``punctuation``, ``legal_form``, ``word_order``, ``typo`` (one character),
  ``abbreviation`` (Intl, Corp, Tech, Mfg, Univ …): the usual spelling variants;
- ``partial``: the distinctive core of a long name, without its legal form, generic industry
  words (Technology, Group, Trading …) and location qualifiers (Beijing, (Shenzhen), Russia …);
  any listed entity whose name contains the core is an acceptable answer, and cores shared by
  more than a handful of entities are not used;
- ``transliteration``: Russian, Belarusian and Ukrainian names re-romanised in another real system
  (German Duden, French, scholarly/ISO 9), Cyrillic aliases romanised the same way, and Japanese
  names in Kunrei-shiki or with other long-vowel spellings;
- ``cjk``: the Chinese or Japanese alias of an entity listed with a Latin name, written in the
  other character set (simplified / traditional / Japanese forms), with its legal form changed or
  moved, or without its city prefix; ``cross_script``: the same alias in Hanyu Pinyin;
- ``negative``: well-known organizations that are not listed; ``hard_negative``: real
  organizations that are not listed but share distinctive words with listed ones (the same city
  and industry words, the same family or group name, a parent or subsidiary that is not listed).

A positive query is a true positive when its best match at the threshold is an acceptable entity,
a false positive and a false negative when it is another entity, a false negative when there is
none; a negative query is a false positive when anything matches. The sampled entities (and the
negatives) are split in two halves: the *tuning* half was used to set the matcher's weights, the
*held-out* half was not. Both are reported, per variant kind, with the precision on negatives (the
share of negatives not flagged), the WRatio baseline's best F1 at any threshold, and the
precision-recall curve (benchmarks/out/screening_pr_curve.{csv,png}).

    .venv/bin/python benchmarks/screening_eval.py [--sample 700] [--baseline-per-kind 120]
    .venv/bin/python benchmarks/screening_eval.py --hard   # benchmarks/screening_hard_eval.py
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screening_common import list_paths

from kizuna.screening.matching import (
    DEFAULT_THRESHOLD,
    KizunaMatcher10,
    Match,
    WRatioBaseline,
)
from kizuna.screening.matching import KizunaMatcher11 as KizunaMatcher
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import LEGAL_FORMS, normalize
from kizuna.text.names import name_key
from kizuna.text.translit import has_cjk

SEED = 7

NEGATIVES = """Toyota Motor Corporation; Sony Group Corporation; Panasonic Holdings; Hitachi Ltd;
Mitsubishi Heavy Industries; NEC Corporation; Fujitsu Limited; Tokyo Electron Limited; Kioxia;
Rapidus Corporation; Renesas Electronics; Nippon Telegraph and Telephone; SoftBank Group;
Microsoft Corporation; Google LLC; Apple Inc; Intel Corporation; IBM; Nvidia Corporation;
Advanced Micro Devices; Qualcomm Incorporated; Micron Technology; Applied Materials;
Lam Research; KLA Corporation; Texas Instruments; Boeing Company; General Electric;
Massachusetts Institute of Technology; Stanford University; University of Tokyo; Kyoto University;
Tokyo Institute of Technology; Osaka University; Tohoku University; RIKEN; JAXA; NASA;
National Science Foundation; Samsung Electronics; SK Hynix; LG Electronics; TSMC;
Taiwan Semiconductor Manufacturing Company; ASML Holding; Infineon Technologies; Siemens AG;
Robert Bosch GmbH; Nokia Corporation; Ericsson; Cisco Systems; Oracle Corporation;
Amazon Web Services; Meta Platforms; OpenAI; Anthropic; Preferred Networks; Sakana AI;
China Southern Power Grid International; Beijing Capital International Airport Company;
Shanghai Jiao Tong University Press; Huawei Cloud Europe Consulting GmbH;
Tianjin Electronics Trading Partners; Moscow State Conservatory; Iran Air Tours Travel Agency;
Korea Electric Power Corporation; Electronics Technology Partners Inc; National Bank of Canada;
Aviation Industry Consultants of America; Ocean Shipping Consultants Ltd; Global Trading Group;
Advanced Technology Research Institute of Virginia; Institute of Electrical and Electronics
Engineers; Russian Orthodox Church Outside Russia; Pakistan International Airlines;
China Construction Bank New York Branch; Bank of Tokyo-Mitsubishi UFJ; Mizuho Bank;
Sumitomo Mitsui Banking Corporation; Nomura Holdings; Daiwa Securities; Hyundai Motor Company;
Kia Corporation; Honda Motor Co; Nissan Motor Co; Subaru of America; Denso Corporation;
Murata Manufacturing; Kyocera Corporation; Canon Inc; Nikon Corporation; Olympus Corporation;
Shin-Etsu Chemical; Sumco Corporation; JSR Corporation; Tokyo Ohka Kogyo; Disco Corporation;
Advantest Corporation; Screen Holdings; Lasertec Corporation; Ulvac Inc; Ebara Corporation;
Mitsui Chemicals; Toray Industries; Asahi Kasei; Kawasaki Heavy Industries; IHI Corporation;
Northrop Grumman Australia; Raytheon Technologies Canada; Lockheed Martin Canada CDL Systems;
Zhejiang University of Technology Alumni Association; Tsinghua University Press;
Peking University Hospital; Harbin Symphony Orchestra; Sichuan Airlines Catering""".replace(
    "\n", " ")

#: Real organizations that are not listed but share distinctive words with listed ones: the same
#: city and industry words, the same family or group name, a parent or subsidiary not listed.
HARD_NEGATIVES = """Beijing Normal University; Beijing Enterprises Water Group;
Beijing Tong Ren Tang; Beijing Foreign Studies University; Beijing Capital Development Holding;
Beijing Language and Culture University; Shanghai International Port Group;
Shanghai Pudong Development Bank;
Shanghai Symphony Orchestra; Shanghai Disney Resort; Shanghai Film Studio; Shanghai Tunnel
Engineering; Shenzhen Stock Exchange; Shenzhen Airlines; Shenzhen Metro Group; Shenzhen Mindray
Bio-Medical Electronics; Shenzhen Investment Holdings; Harbin Pharmaceutical Group; Harbin Brewery
Group; Harbin Medical University; Nanjing Agricultural University; Nanjing University of Chinese
Medicine; Nanjing Panda Bus; Wuhan Iron and Steel Corporation; Wuhan Botanical Garden; Chengdu
Research Base of Giant Panda Breeding; Chengdu Tianfu International Airport; Tianjin Port Holdings;
Tianjin Medical University; Tianjin Conservatory of Music; Hangzhou Wahaha Group; Hangzhou Normal
University; Xiamen Airlines; Xiamen University; Hainan Airlines Holding; China Southern Airlines;
China Merchants Bank; China Life Insurance Company; Ping An Insurance Group; Tencent Music
Entertainment Group; Alibaba Group Holding; Lenovo Group Limited; Geely Automobile Holdings;
Great Wall Motor Company; Haier Smart Home; Midea Group; Gree Electric Appliances; Tsingtao
Brewery; Kweichow Moutai; China Mengniu Dairy; Inner Mongolia Yili Industrial Group; Fosun
International; Dalian Wanda Group; Country Garden Holdings; Anta Sports Products; Li Ning Company;
Fudan University; Peking University; Renmin University of China; Tongji University; Nankai
University; Shandong University; Lanzhou University; Jilin University; Xiamen Xiangyu Group;
Guangzhou Baiyun International Airport; Guangzhou Automobile Group; Dongfeng Motor Corporation;
China Yangtze Power; Shenzhen Transsion Holdings; Hong Kong Jockey Club; Hong Kong Polytechnic
University; Hong Kong Exchanges and Clearing; Cathay Pacific Airways; Swire Pacific; Jardine
Matheson Holdings; Sumitomo Chemical; Sumitomo Realty and Development; Sumitomo Mitsui Trust
Holdings; Mitsubishi UFJ Financial Group; Mitsubishi Estate; Mitsui Fudosan; Mitsui OSK Lines;
Kawasaki Kisen Kaisha; Nippon Yusen Kaisha; Toshiba Corporation; Tokyo Gas; Tokyo Metro; Tokyo
Stock Exchange; Osaka Gas; Kyoto Animation; Yamaha Motor Company; Suzuki Motor Corporation;
Mazda Motor Corporation; Shimano Inc; Fast Retailing; Nintendo; Bandai Namco Holdings; Rakuten
Group; Recruit Holdings; Dentsu Group; Kirin Holdings; Asahi Group Holdings; Suntory Holdings;
Ajinomoto; Shiseido; Kao Corporation; Daikin Industries; Fanuc Corporation; Keyence Corporation;
Yaskawa Electric Corporation; Omron Corporation; Hoya Corporation; Terumo Corporation; Takeda
Pharmaceutical Company; Astellas Pharma; Daiichi Sankyo; Japan Airlines; All Nippon Airways; Japan
Post Holdings; Japan Tobacco; Nippon Steel Corporation; JFE Steel; Kobe Steel; Martin Marietta
Materials; General Mills; General Motors; Boston Dynamics; Boeing Employees Credit Union; Pacific
Gas and Electric Company; Duke Energy; Southern Company; Rolls-Royce Holdings; Airbus Defence and
Space; Thales Alenia Space; Saab AB; Dassault Aviation; Embraer; Bombardier; Leonardo DRS Canada;
Lincoln Electric; Emerson Electric; Schneider Electric; Mitsubishi Electric Automotive America;
Texas Aerospace Services; Pratt and Whitney Canada; Moscow Metro; Moscow Conservatory; Saint
Petersburg State University; Bolshoi Theatre; Mariinsky Theatre; Yandex; Hermitage Museum; Kazan
Federal University; Novosibirsk State University; Ural Federal University; Emirates Airline;
Etihad Airways; Qatar Airways; Saudi Aramco; Dubai Duty Free; Dubai Islamic Bank; Abu Dhabi
Islamic Bank; Turkish Airlines; Istanbul Technical University; Hasan Kalyoncu University; King
Abdullah University of Science and Technology; Mohammed bin Rashid Space Centre; Al Jazeera Media
Network; Al Rajhi Bank; Arab Bank; Islamic Development Bank; Samsung Heavy Industries; Hyundai
Heavy Industries; Hanwha Aerospace; Korea Aerospace Industries; Korea Advanced Institute of Science
and Technology; Kim and Chang; Seoul National University; Pohang University of Science and
Technology; Grupo Bimbo; Banco de Bogota; Cementos Argos; Universidad Nacional Autonoma de Mexico;
Sociedad Quimica y Minera de Chile; Gonzalez Byass; Rodriguez Construction; Lopez Foods; Ahmadu
Bello University; Aga Khan University; Habib Bank Limited; National Bank of Pakistan; Pakistan State
Oil; Karachi Port Trust; Indian Institute of Technology Bombay; Tata Consultancy Services; Bharat
Electronics; Hindustan Aeronautics; Singapore Airlines; Singapore Technologies Engineering; Keppel
Corporation; Sembcorp Marine; Malaysia Airlines; Petronas Chemicals Group; Genting Malaysia; Taiwan
Mobile; Foxconn Industrial Internet; United Microelectronics Corporation; MediaTek; ASE Technology
Holding; Global Unichip Corporation; Nanya Technology; Winbond Electronics; Realtek Semiconductor;
Kingston Technology; Western Digital; Seagate Technology; Marvell Technology; Broadcom Inc; Analog
Devices; Microchip Technology; ON Semiconductor; Skyworks Solutions; Teradyne; Keysight
Technologies; National Instruments; Rockwell Automation; Honeywell International; Siemens Energy;
Shell Trading International; Vitol; Trafigura; Glencore International; Mercuria Energy Trading;
Maersk Line; Mediterranean Shipping Company; CMA CGM; Hapag-Lloyd; Evergreen Marine Corporation;
Yang Ming Marine Transport; Orient Overseas Container Line""".replace("\n", " ")

def _words(text: str) -> list[str]:
    return text.split()


# -- variant generators ----------------------------------------------------------------------

LEGAL = ["Co., Ltd.", "Limited", "LLC", "Inc.", "Corporation", "GmbH", "JSC", "OOO", "Pvt Ltd",
         "K.K.", "有限公司", "S.A.", "Company Limited", "Corp."]
ABBREVIATIONS = {
    "international": "Intl", "corporation": "Corp", "company": "Co", "technology": "Tech",
    "technologies": "Tech", "technological": "Tech", "industries": "Inds", "industry": "Ind",
    "industrial": "Indl", "manufacturing": "Mfg", "engineering": "Eng", "university": "Univ",
    "institute": "Inst", "national": "Natl", "electronics": "Elec", "electronic": "Elec",
    "research": "Res", "development": "Dev", "services": "Svcs", "limited": "Ltd",
    "association": "Assn", "department": "Dept", "academy": "Acad", "science": "Sci",
    "sciences": "Sci", "scientific": "Sci", "holdings": "Hldgs", "group": "Grp",
    "equipment": "Equip", "aviation": "Avn", "laboratory": "Lab", "laboratories": "Labs",
    "systems": "Sys", "trading": "Trdg", "investment": "Inv", "management": "Mgmt",
    "brothers": "Bros", "communications": "Comms", "shipping": "Shpg", "and": "&",
}
#: Words that describe what an organization does or is, not who it is.
GENERIC = frozenset(_words("""
technology technologies tech technical science sciences scientific group holding holdings
international industrial industry industries trading trade import export development engineering
electronic electronics equipment manufacturing manufacture production research institute center
centre company enterprise enterprises services service systems system information communication
communications network networks digital intelligent smart new energy materials material
machinery machine investment investments management logistics shipping general national state
import-export products product solutions solution software hardware instruments instrument
devices device precision advanced applied design innovation innovative co corp inc ltd limited
llc the of and for in sciences branch office plant factory works automation control controls
power electric electrical optical optics optoelectronic optoelectronics photonics semiconductor
semiconductors microelectronics laboratory laboratories academy university college school bureau
ministry department global worldwide universal"""))
#: Location qualifiers dropped from partial names: Chinese provinces and large cities, countries
#: and world cities that the lists use as qualifiers.
LOCATIONS = frozenset(_words("""
beijing shanghai shenzhen guangzhou tianjin chongqing wuhan chengdu nanjing hangzhou xian xi'an
harbin shenyang dalian qingdao jinan zhengzhou changsha hefei fuzhou xiamen kunming nanning
guiyang lanzhou urumqi hohhot taiyuan shijiazhuang changchun nanchang ningbo suzhou wuxi
dongguan foshan zhuhai shantou yantai weihai zibo mianyang baotou luoyang guangdong guangxi
zhejiang jiangsu shandong hebei henan hubei hunan sichuan shaanxi shanxi anhui fujian jiangxi
yunnan guizhou hainan liaoning jilin heilongjiang xinjiang tibet ningxia qinghai gansu mongolia
hong kong macau macao taiwan china chinese russia russian moscow petersburg saint st belarus
minsk ukraine kyiv kiev iran tehran dubai uae emirates turkey istanbul syria damascus lebanon
beirut pakistan karachi lahore india singapore malaysia japan tokyo korea pyongyang usa america
american europe european germany france uk london cyprus limassol armenia yerevan kazakhstan
almaty uzbekistan tashkent kyrgyzstan georgia"""))

ROMANISATIONS: dict[str, list[tuple[str, str]]] = {
    # BGN/PCGN Latin as the lists write it → another real system, longest pattern first
    "german": [("shch", "schtsch"), ("kh", "ch"), ("zh", "sch"), ("ch", "tsch"), ("sh", "sch"),
               ("ya", "ja"), ("yu", "ju"), ("ye", "je"), ("yo", "jo"), ("ts", "z"), ("v", "w"),
               ("iy", "ij"), ("yy", "ij")],
    "french": [("shch", "chtch"), ("zh", "j"), ("ch", "tch"), ("sh", "ch"), ("ya", "ia"),
               ("yu", "iou"), ("u", "ou"), ("iy", "i"), ("yy", "y")],
    "scholarly": [("shch", "šč"), ("kh", "x"), ("zh", "ž"), ("ch", "č"), ("sh", "š"),
                  ("ya", "ja"), ("yu", "ju"), ("ts", "c"), ("iy", "ij"), ("yy", "yj")],
    "icao": [("kh", "kh"), ("ya", "ia"), ("yu", "iu"), ("iy", "ii"), ("yy", "y"), ("ye", "ie"),
             ("ts", "ts")],
}
CYRILLIC_SYSTEMS: dict[str, dict[str, str]] = {
    "german": {"ж": "sch", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "й": "j",
               "ю": "ju", "я": "ja", "в": "w", "ы": "y", "е": "e", "э": "e", "ь": "", "ъ": ""},
    "scholarly": {"ж": "ž", "х": "x", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "й": "j",
                  "ю": "ju", "я": "ja", "ы": "y", "ь": "ʹ", "ъ": "ʺ", "э": "è"},
    "french": {"ж": "j", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "й": "ï",
               "ю": "iou", "я": "ia", "у": "ou", "ы": "y", "ь": "", "ъ": ""},
}
BASE_CYRILLIC = dict(zip("абвгдеёзиклмнопрстуфіїєґў", "abvgdeeziklmnoprstufiiegu", strict=True))
KUNREI = [("shi", "si"), ("chi", "ti"), ("tsu", "tu"), ("fu", "hu"), ("ji", "zi"), ("sha", "sya"),
          ("shu", "syu"), ("sho", "syo"), ("cha", "tya"), ("cho", "tyo"), ("mb", "nb"),
          ("mp", "np")]
LONG_VOWELS = [("ou", "o"), ("oo", "o"), ("oh", "o"), ("uu", "u"), ("o", "ou")]
#: Simplified ↔ traditional / Japanese forms of characters common in company names.
HAN_PAIRS = """业業 东東 丝絲 两兩 严嚴 丰豐 临臨 为為 丽麗 举舉 义義 乌烏 乐樂 书書 买買 乱亂 亚亞
产產 亿億 仪儀 众眾 优優 传傳 伟偉 体體 价價 兴興 养養 军軍 农農 冯馮 冲衝 净淨 凤鳳 击擊 刘劉
则則 创創 利利 制製 剧劇 动動 务務 劳勞 势勢 区區 医醫 华華 协協 单單 卢盧 卫衛 厂廠 历歷 压壓
厦廈 县縣 发發 变變 号號 叶葉 合合 吴吳 员員 园園 围圍 国國 图圖 圣聖 场場 坛壇 块塊 坚堅 声聲
处處 备備 复復 头頭 夹夾 奥奧 宁寧 宝寶 实實 宫宮 对對 导導 将將 尔爾 层層 岛島 峡峽 币幣 师師
带帶 库庫 应應 开開 异異 张張 弹彈 归歸 录錄 径徑 总總 恒恆 惠惠 成成 战戰 扬揚 护護 报報 担擔
挥揮 择擇 换換 据據 携攜 数數 斗鬥 无無 时時 昆崑 晋晉 显顯 术術 机機 杨楊 极極 构構 标標 树樹
桥橋 检檢 业業 汉漢 汇匯 沟溝 没沒 泽澤 洁潔 测測 济濟 浓濃 涛濤 润潤 渊淵 湾灣 滨濱 灵靈 灾災
炉爐 点點 热熱 爱愛 环環 现現 电電 画畫 畅暢 疗療 盘盤 盛盛 监監 矿礦 码碼 础礎 硕碩 确確 礼禮
离離 种種 积積 称稱 稳穩 竞競 笔筆 筑築 签簽 粤粵 紧緊 纪紀 纳納 纵縱 线線 组組 织織 经經 结結
络絡 绘繪 给給 统統 维維 综綜 绿綠 网網 罗羅 联聯 肃肅 胜勝 脑腦 舰艦 艺藝 节節 苏蘇 范範 荣榮
药藥 获獲 莱萊 营營 蓝藍 装裝 规規 视視 览覽 觉覺 计計 认認 讯訊 训訓 设設 证證 评評 识識 诚誠
询詢 谊誼 谷谷 贝貝 贸貿 资資 赛賽 车車 轨軌 转轉 轮輪 软軟 轻輕 载載 达達 迁遷 运運 进進 远遠
连連 选選 递遞 邮郵 邦邦 郑鄭 钢鋼 钻鑽 铁鐵 铝鋁 银銀 铸鑄 链鏈 锋鋒 锐銳 镇鎮 长長 门門 问問
间間 闻聞 阳陽 际際 陆陸 陈陳 险險 随隨 隐隱 难難 雷雷 电電 顺順 预預 领領 频頻 题題 风風 飞飛
饭飯 马馬 驱驅 验驗 鸿鴻 鹏鵬 齐齊 龙龍 团團 集集 会會 学學 研研 质質 气氣 汽汽 导導 弹彈"""
HAN_S2T = {p[0]: p[1] for p in HAN_PAIRS.split() if len(p) == 2 and p[0] != p[1]}
HAN_T2S = {t: s for s, t in HAN_S2T.items()}
#: Japanese shinjitai where they differ from the traditional form.
HAN_JA = {"團": "団", "會": "会", "國": "国", "學": "学", "氣": "気", "經": "経", "發": "発",
          "電": "電", "機": "機", "業": "業", "產": "産", "實": "実", "總": "総", "營": "営",
          "廠": "廠", "藥": "薬", "醫": "医", "區": "区", "鐵": "鉄", "廣": "広", "體": "体"}
CJK_LEGAL = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "公司", "株式会社", ""]
CJK_LEGAL_RE = re.compile("(股份有限公司|有限责任公司|有限責任公司|有限公司|株式会社|公司)$")
CITY_PREFIX = re.compile("^(北京|上海|深圳|广州|廣州|天津|重庆|重慶|武汉|武漢|成都|南京|杭州|西安|"
                         "哈尔滨|沈阳|大连|青岛|济南|长沙|合肥|苏州|无锡|宁波|厦门|中国|中國)(市)?")
QUALIFIERS = frozenset(normalize(w).key for w in GENERIC | LOCATIONS)
ENGLISH = GENERIC | set(ABBREVIATIONS) | set(_words("""
united plant plants public joint stock shipbuilding building machine works state central bureau
design production association closed open federal scientific aircraft air aviation military
defense defence armed forces navy naval ship ships limited liability"""))
RUSSIAN_SPHERE = {"RU", "BY", "UA", "KZ", "KG", "AM", "UZ", "TJ", "MD", "GE", "AZ"}


def _rewrite(text: str, rules: Sequence[tuple[str, str]]) -> str:
    """Apply romanisation rules in one pass (a rewritten part is not rewritten again)."""
    table = dict(rules)
    longest_first = sorted(rules, key=lambda r: -len(r[0]))
    pattern = re.compile("|".join(re.escape(a) for a, _b in longest_first), re.I)

    def repl(m: re.Match[str]) -> str:
        out = table[m.group(0).lower()]
        return out.capitalize() if m.group(0)[0].isupper() else out

    return pattern.sub(repl, text)


def _romanise_cyrillic(text: str, system: str) -> str:
    table = CYRILLIC_SYSTEMS[system]
    out = []
    for ch in text:
        low = ch.lower()
        rom = table.get(low, BASE_CYRILLIC.get(low, ch))
        out.append(rom.capitalize() if ch != low and rom else rom)
    return "".join(out)


def _han_variant(text: str, rng: random.Random) -> str:
    """The same Han text in another character set: simplified → traditional (or Japanese
    forms for a Japanese company name), traditional → simplified."""
    if any(c in HAN_T2S for c in text):
        return "".join(HAN_T2S.get(c, c) for c in text)
    trad = "".join(HAN_S2T.get(c, c) for c in text)
    if "株式会社" in text or rng.random() < 0.3:
        trad = "".join(HAN_JA.get(c, c) for c in trad)
    return trad


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def _core(name: str) -> list[str]:
    """The distinctive words of ``name``: no legal form, generic word, location or stopword."""
    text = re.sub(r"[(（][^)）]*[)）]", " ", unicodedata.normalize("NFKC", name))
    words = re.findall(r"[\w'-]+", text)
    out = []
    for w in words:
        low = w.lower().strip("'-")
        if not low or low in GENERIC or low in LOCATIONS or low in LEGAL_FORMS:
            continue
        if not normalize(w).tokens or normalize(w).key in ("", ) or len(low) < 2:
            continue
        if low in ("of", "and", "the", "named", "after", "for", "de", "la", "del"):
            continue
        out.append(w)
    return out


def variants(name: str, rng: random.Random, *, countries: Sequence[str] = (),
             aliases: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Realistic spellings of a listed organization's ``name``, each with its kind."""
    out = [("case", name.lower() if rng.random() < 0.5 else name.upper()),
           ("punctuation", re.sub(r"[.,'\-()]", lambda m: rng.choice(["", " "]), name)
            .replace("&", "and"))]
    words = name.split()
    core = [w for w in words if normalize(w).tokens]
    out.append(("legal_form", re.sub(r"\b(Co|Ltd|LLC|Inc|Corp|Corporation|Company|Limited|"
                                     r"JSC|OJSC|GmbH)\b\.?,?", "", name).strip(" ,") + " "
                + rng.choice(LEGAL)))
    if len(core) >= 2:
        swapped = core[:]
        i = rng.randrange(len(swapped) - 1)
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        out.append(("word_order", " ".join(swapped)))
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if long_words:
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        op = rng.choice(["sub", "del", "swap", "ins"])
        if op == "sub":
            w = w[:j] + rng.choice("aeioulnrst") + w[j + 1:]
        elif op == "del":
            w = w[:j] + w[j + 1:]
        elif op == "ins":
            w = w[:j] + rng.choice("aeioulnrst") + w[j:]
        else:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        out.append(("typo", " ".join([*words[:i], w, *words[i + 1:]])))
    abbreviated = [ABBREVIATIONS.get(w.lower().strip(",."), w) for w in words]
    if abbreviated != words:
        out.append(("abbreviation", " ".join(abbreviated)))
    dist = _core(name)
    if dist and len(dist) < len([w for w in words if normalize(w).tokens]):
        out.append(("partial", " ".join(dist)))
    if set(countries) & RUSSIAN_SPHERE and not has_cjk(name):
        system = rng.choice(sorted(ROMANISATIONS))
        out.append(("transliteration", " ".join(
            w if w.lower().strip(",.") in ENGLISH else _rewrite(w, ROMANISATIONS[system])
            for w in name.split())))
    if "JP" in countries and not has_cjk(name):
        out.append(("transliteration", _rewrite(name, rng.choice([KUNREI, LONG_VOWELS]))))
    for alias in aliases:
        if _is_cyrillic(alias):
            system = rng.choice(sorted(CYRILLIC_SYSTEMS))
            out.append(("transliteration", _romanise_cyrillic(alias, system)))
        elif sum(map(has_cjk, alias)) * 2 >= len(alias.replace(" ", "")):
            out.extend(_cjk_variants(alias, rng))
    return [(k, v) for k, v in out if normalize(v).tokens and v != name]


def _cjk_variants(alias: str, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    text = alias.replace(" ", "")
    choice = rng.randrange(3)
    if choice == 0:
        out.append(("cjk", _han_variant(text, rng)))
    elif choice == 1:
        legal = CJK_LEGAL_RE.search(text)
        stem = CJK_LEGAL_RE.sub("", text)
        if legal and legal.group(1) == "株式会社":
            out.append(("cjk", "株式会社" + stem))  # 前株: the legal form in front
        else:
            other = [f for f in CJK_LEGAL if not legal or f != legal.group(1)]
            out.append(("cjk", stem + rng.choice(other)))
    else:
        stripped = CITY_PREFIX.sub("", text)
        out.append(("cjk", stripped if stripped != text else _han_variant(text, rng)))
    from pypinyin import lazy_pinyin

    stem = CJK_LEGAL_RE.sub("", text)
    if not any("\u3040" <= c <= "\u30ff" for c in stem):  # Hanyu Pinyin for Chinese names
        syl = [s for s in lazy_pinyin(stem) if s.isalpha()]
        if len(syl) >= 2:
            words = ["".join(syl[i:i + 2]).capitalize() for i in range(0, len(syl), 2)]
            out.append(("cross_script", " ".join(words)))
    return out


# -- the labelled set ------------------------------------------------------------------------

Item = tuple[str, str, frozenset[str], str]  # kind, query, acceptable entity keys, half


def _is_org(e: ListEntity) -> bool:
    return (e.entity_type != "person" and len(e.name) >= 8
            and not ("," in e.name and e.entity_type == "unknown"))


def _key(tokens: Sequence[str]) -> str:
    """The same name listed twice, in any word order, is the same answer."""
    return " ".join(sorted(tokens))


def build(lists: Sequence[ParsedList], sample: int, seed: int = SEED) -> list[Item]:
    """(kind, query, acceptable entity keys, half); an empty key set marks a negative."""
    rng = random.Random(seed)
    by_key: dict[str, set[str]] = {}
    by_token: dict[str, set[int]] = {}
    token_sets: list[tuple[frozenset[str], str]] = []
    ents = []
    for lst in lists:
        for e in lst.entities:
            key = f"{lst.list_id}:{e.entity_id}"
            ents.append((key, e))
            for n, _main, _weak in e.names():
                form = normalize(n)
                by_key.setdefault(_key(form.tokens), set()).add(key)
                for t in set(form.tokens):
                    by_token.setdefault(t, set()).add(len(token_sets))
                token_sets.append((frozenset(form.tokens), key))

    def containing(tokens: frozenset[str]) -> set[str]:
        """Entities with a name holding every token of ``tokens``."""
        if not tokens:
            return set()
        ix = set.intersection(*(by_token.get(t, set()) for t in tokens))
        return {token_sets[i][1] for i in ix}

    orgs = [(k, e) for k, e in ents if _is_org(e)]
    # Entities with a name in Chinese or Japanese script or in Cyrillic are rarer: oversampled.
    special = [(k, e) for k, e in orgs if set(e.countries) & (RUSSIAN_SPHERE | {"JP"})
               or any(has_cjk(n) or _is_cyrillic(n) for n, _m, _w in e.names())]
    rng.shuffle(orgs)
    rng.shuffle(special)
    picked, seen = [], set()
    for key, e in [*special[: sample // 3], *orgs]:
        if key not in seen and len(picked) < sample:
            seen.add(key)
            picked.append((key, e))
    out: list[Item] = []
    for idx, (key, e) in enumerate(picked):
        half = "tune" if idx % 2 == 0 else "heldout"
        same = frozenset(k for n, _m, _w in e.names()
                         for k in by_key.get(_key(normalize(n).tokens), ()))
        accept = same | {key}
        for n, _m, weak in e.names():
            if not weak and len(normalize(n).key) >= 4:
                out.append(("alias_group", n, accept, half))
        aliases = [n for n, _m, _w in e.names()]
        for kind, v in variants(e.name, rng, countries=e.countries, aliases=aliases):
            if kind == "partial":
                toks = frozenset(normalize(v).tokens)
                holders = containing(toks)
                if len(holders) > 4 or len(normalize(v).key) < 5:
                    continue  # too ambiguous to be a partial name of one party
                out.append((kind, v, accept | holders, half))
            else:
                out.append((kind, v, accept, half))
    negs = [("negative", n) for n in NEGATIVES.split(";")]
    negs += [("hard_negative", n) for n in HARD_NEGATIVES.split(";")]
    i = 0
    for kind, neg in negs:
        neg = " ".join(neg.split())
        toks = frozenset(normalize(neg).tokens)
        if not neg or _key(normalize(neg).tokens) in by_key:
            continue
        inside = [t for t, _k in token_sets if t and t <= toks and (
            len(t) >= 2 or (len(next(iter(t))) >= 5 and not t <= QUALIFIERS))]
        if containing(toks) or inside:
            continue  # a listed name inside it, or it inside a listed name: not a clean negative
        out.append((kind, neg, frozenset(), "tune" if i % 2 == 0 else "heldout"))
        i += 1
    return out


# -- scoring ---------------------------------------------------------------------------------

Scored = list[tuple[str, frozenset[str], list[tuple[float, str]]]]


def run(match: Callable[[str, float], list[Match]], data: Sequence[Item],
        floor: float) -> Scored:
    out = []
    for kind, q, accept, _half in data:
        ms = match(q, floor)
        out.append((kind, accept, [(m.score, f"{m.list}:{m.entity_id}") for m in ms]))
    return out


def metrics(scored: Scored, t: float) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 at threshold ``t``, overall and per kind, and the precision on
    negatives (the share of negatives not flagged)."""
    counts: dict[str, list[int]] = {}
    for kind, accept, ms in scored:
        top = next(((s, k) for s, k in ms if s >= t), None)
        c = counts.setdefault(kind, [0, 0, 0, 0])  # tp, fp, fn, queries
        c[3] += 1
        if not accept:
            c[1] += top is not None
        elif top is None:
            c[2] += 1
        elif top[1] in accept:
            c[0] += 1
        else:
            c[1] += 1
            c[2] += 1
    table: dict[str, dict[str, float]] = {}
    neg_kinds = ("negative", "hard_negative")

    def add(name: str, tp: int, fp: int, fn: int, n: int) -> None:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        table[name] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                       "n": n}

    for kind, (tp, fp, fn, n) in counts.items():
        if kind not in neg_kinds:
            add(kind, tp, fp, fn, n)
    for name, kinds in (("all", list(counts)),
                        ("variants", [k for k in counts if k not in (*neg_kinds, "alias_group")])):
        add(name, *[sum(counts[k][i] for k in kinds) for i in range(4)])
    for kind in (*neg_kinds, "negatives"):
        ks = neg_kinds if kind == "negatives" else (kind,)
        n = sum(counts.get(k, [0, 0, 0, 0])[3] for k in ks)
        fp = sum(counts.get(k, [0, 0, 0, 0])[1] for k in ks)
        if n:
            table[kind] = {"precision": 1 - fp / n, "recall": float("nan"), "f1": float("nan"),
                           "n": n, "flagged": fp}
    return table


def variants_with_negatives(scored: Scored, t: float) -> dict[str, float]:
    """F1 over the variant kinds with the negatives' false alarms counted against precision."""
    sub = [s for s in scored if s[0] not in ("alias_group",)]
    return metrics([("x" if a else k, a, m) for k, a, m in sub], t)["all"]


def baseline_run(wr: WRatioBaseline, data: Sequence[Item], floor: float) -> Scored:
    """The WRatio baseline, all pairs, batched (rapidfuzz ``cdist`` on both cores)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    keys = wr._keys
    ids = [f"{lst}:{ent.entity_id}" for lst, ent, _n, _m in wr._entries]
    out: Scored = []
    queries = [name_key(q) for _k, q, _a, _h in data]
    for start in range(0, len(queries), 200):
        chunk = queries[start:start + 200]
        m = process.cdist(chunk, keys, scorer=fuzz.WRatio, score_cutoff=floor * 100,
                          dtype=np.uint8, workers=-1)
        for row, (kind, _q, accept, _h) in zip(m, data[start:start + 200], strict=True):
            top = np.argsort(-row.astype(np.int16), kind="stable")[:3]
            out.append((kind, accept, [(float(row[i]) / 100, ids[i]) for i in top if row[i]]))
    return out


def _fmt(m: dict[str, float]) -> str:
    if m["recall"] != m["recall"]:  # negatives: only the share not flagged
        return f"precision on negatives {m['precision']:.3f} ({m.get('flagged', 0):.0f} of " \
               f"{m['n']:.0f} flagged)"
    return f"P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} (n={m['n']:.0f})"


def main() -> None:
    if "--hard" in sys.argv:  # the harder set, all matchers side by side
        from screening_hard_eval import main as hard_main

        hard_main([a for a in sys.argv[1:] if a != "--hard"])
        return
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sample", type=int, default=700, help="listed organizations sampled")
    ap.add_argument("--baseline-per-kind", type=int, default=120,
                    help="held-out queries per kind given to the (slow, all-pairs) baseline")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    from kizuna.screening.lists import parse_files

    lists = parse_files(list_paths())
    data = build(lists, args.sample)
    kinds: dict[str, int] = {}
    for kind, _q, _a, _h in data:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"labelled set (seed {SEED}): {len(data)} queries {kinds}")
    thresholds = [round(0.5 + 0.02 * i, 2) for i in range(26)]
    t0 = DEFAULT_THRESHOLD
    report: dict[str, Any] = {"seed": SEED, "queries": kinds, "threshold": t0}
    matchers: list[tuple[str, Any]] = [("kizuna-match/1.1", KizunaMatcher(lists)),
                                       ("kizuna-match/1.0", KizunaMatcher10(lists))]
    curves: dict[str, dict[float, dict[str, float]]] = {}
    for label, km in matchers:
        for half in ("tune", "heldout"):
            part = [d for d in data if d[3] == half]
            start = time.perf_counter()
            scored = run(lambda q, t, km=km: km.match(q, threshold=t, limit=3), part, 0.5)
            took = time.perf_counter() - start
            res = metrics(scored, t0)
            report[f"{label} {half}"] = res
            print(f"\n{label} on the {half} half at the default threshold {t0} "
                  f"({len(part)} queries, {took:.1f} s):")
            for kind in sorted(res, key=lambda k: (k in ("all", "variants", "negatives"), k)):
                print(f"  {kind:16} {_fmt(res[kind])}")
            if half == "heldout":
                curves[label] = {t: metrics(scored, t)["all"] for t in thresholds}
    if not args.no_baseline:
        rng = random.Random(11)
        held = [d for d in data if d[3] == "heldout"]
        sub: list[Item] = []
        for kind in kinds:
            pool = [d for d in held if d[0] == kind]
            sub += pool if "negative" in kind else rng.sample(pool, min(len(pool),
                                                                         args.baseline_per_kind))
        start = time.perf_counter()
        base = baseline_run(WRatioBaseline(lists), sub, 0.5)
        print(f"\nbaseline subsample of the held-out half: {len(sub)} queries "
              f"({time.perf_counter() - start:.0f} s for WRatio against every listed name)")
        km = matchers[0][1]
        ours = run(lambda q, t: km.match(q, threshold=t, limit=3), sub, 0.5)
        old = run(lambda q, t: matchers[1][1].match(q, threshold=t, limit=3), sub, 0.5)
        best_t = max(thresholds, key=lambda t: metrics(base, t)["all"]["f1"])
        best = metrics(base, best_t)
        report["baseline best threshold"] = best_t
        report["baseline heldout-subsample"] = best
        report["kizuna-match/1.1 heldout-subsample"] = metrics(ours, t0)
        report["kizuna-match/1.0 heldout-subsample"] = metrics(old, t0)
        print(f"wratio-baseline at its best threshold {best_t}:")
        for kind in sorted(best, key=lambda k: (k in ("all", "variants", "negatives"), k)):
            print(f"  {kind:16} {_fmt(best[kind])}")
        for label, res in (("kizuna-match/1.1", ours), ("kizuna-match/1.0", old)):
            print(f"{label} at {t0} on the same queries: {_fmt(metrics(res, t0)['all'])}")
        curves["wratio-baseline"] = {t: metrics(base, t)["all"] for t in thresholds}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "screening_eval.json").write_text(json.dumps(report, indent=1, default=str))
    with (args.out / "screening_pr_curve.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["algorithm", "threshold", "precision", "recall", "f1"])
        for name, res in curves.items():
            for t in thresholds:
                w.writerow([name, t, f"{res[t]['precision']:.4f}", f"{res[t]['recall']:.4f}",
                            f"{res[t]['f1']:.4f}"])
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"\nwrote {args.out / 'screening_pr_curve.csv'} (matplotlib not installed)")
        return
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for name, res in curves.items():
        ax.plot([res[t]["recall"] for t in thresholds], [res[t]["precision"] for t in thresholds],
                marker=".", label=name)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_title("Screening precision–recall, held-out half (thresholds 0.50–1.00)")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(args.out / "screening_pr_curve.png", dpi=120)
    print(f"\nwrote {args.out / 'screening_pr_curve.png'}, .csv and screening_eval.json")


if __name__ == "__main__":
    main()
