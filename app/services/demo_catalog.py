"""The demo shop's data and the odds its orders' paths are drawn with (``app.services.demo``).

The stores, payment and shipping methods, carriers and products; buyers' names, e-mail
domains and places; the reasons clerks and customers give; the shop's busy hours; for each
order and cancellation status what may happen next, how likely and how soon; the scripted
paths every demo shows; and the random draws over them (``random.Random.random`` alone).

No Qt here.
"""

from __future__ import annotations

from bisect import bisect
from datetime import datetime, timedelta

from app.domain.pickup import PickupChain
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus

S = OrderStatus
A = OrderAction
C = CancelStatus
CA = CancelAction

STOREFRONT = "storefront"
CLERKS = ("陳怡君", "林志明", "黃淑芬", "張家豪")
#: Who takes a supervisor's actions (【結案】, writing off what is left to refund).
SUPERVISORS = ("王店長",)

STORES = ("好日子生活選物", "山海茶行")
STORE_WEIGHTS = (60, 40)

#: (title, description, kind, weight); kind drives how and when the customer pays.
PAYMENT_METHODS = (
    ("ATM 轉帳", "下單後三日內轉帳至本店帳戶（台灣銀行 004），轉帳後請在「我的訂單」填寫付款通知。", "atm", 35),
    ("信用卡", "VISA、MasterCard、JCB 線上刷卡，授權成功即自動通知付款。", "card", 40),
    ("貨到付款", "取貨時付現給物流人員或超商店員，由物流代收；店員接單後直接出貨。", "cod", 10),
    ("超商代碼", "於 7-11、全家、萊爾富、OK 超商繳費，代碼三日內有效，繳費後自動通知。", "cvs", 15),
)

#: (title, fee, free-shipping threshold, description, weight).
SHIPPING_METHODS = (
    ("宅配", 120, 1500, "黑貓宅急便或新竹物流，出貨後 1–2 個工作天送達；滿 NT$1,500 免運。", 35),
    ("7-11 取貨", 60, 999, "7-ELEVEN 超商取貨，商品到店後簡訊通知，請於 7 天內取件；滿 NT$999 免運。", 30),
    ("全家取貨", 60, 999, "全家便利商店取貨，商品到店後簡訊通知，請於 7 天內取件；滿 NT$999 免運。", 25),
    ("郵寄", 80, None, "中華郵政掛號包裹，3–5 個工作天送達，不提供免運。", 10),
)

#: Carrier and tracking-number length for each shipping method.
CARRIERS = {
    "宅配": (("黑貓宅急便", 12), ("新竹物流", 10)),
    "7-11 取貨": (("7-ELEVEN 交貨便", 11),),
    "全家取貨": (("全家店到店", 11),),
    "郵寄": (("中華郵政", 14),),
}
DEFAULT_CARRIERS = (("黑貓宅急便", 12),)

#: The shipping methods that are convenience-store pickups, and their chain.
PICKUP_CHAINS = {"7-11 取貨": PickupChain.SEVEN.value, "全家取貨": PickupChain.FAMILY.value}

# Products per store: (name, base price, option groups); each group (label, ((value, extra), ...)).
PRODUCTS = (
    (
        ("有機棉素T", 490, (("顏色", (("白", 0), ("黑", 0), ("麻灰", 0), ("霧藍", 0))),
                          ("尺寸", (("S", 0), ("M", 0), ("L", 0), ("XL", 30))))),
        ("亞麻抱枕套 45×45cm", 680, (("顏色", (("米白", 0), ("燕麥", 0), ("墨綠", 0))),)),
        ("手作陶瓷馬克杯 350ml", 420, (("顏色", (("霧白", 0), ("青瓷", 0), ("焦糖", 0))),)),
        ("帆布托特包", 890, (("顏色", (("原色", 0), ("黑", 0), ("卡其", 0))),
                            ("尺寸", (("中", 0), ("大", 150))))),
        ("竹纖維浴巾", 560, (("顏色", (("白", 0), ("淺灰", 0), ("粉橘", 0))),)),
        ("大豆香氛蠟燭 200g", 750, (("香味", (("檜木", 0), ("柚子", 0), ("白茶", 0), ("薰衣草", 0))),)),
        ("不鏽鋼保溫瓶 500ml", 980, (("顏色", (("霧黑", 0), ("奶茶", 0), ("湖水綠", 0))),)),
        ("柚木餐具組（四入）", 1280, ()),
        ("棉麻圍裙", 650, (("顏色", (("深藍", 0), ("米白", 0))), ("尺寸", (("F", 0),)))),
        ("美麗諾羊毛襪", 320, (("顏色", (("炭灰", 0), ("燕麥", 0), ("酒紅", 0))),
                              ("尺寸", (("S 22–24", 0), ("M 24–26", 0), ("L 26–28", 0))))),
        ("實木小邊桌", 2680, (("顏色", (("胡桃木", 0), ("原木", 0))),)),
        ("手織羊毛毯", 1980, (("顏色", (("燕麥", 0), ("焦糖", 0), ("霧灰", 0))),
                            ("尺寸", (("單人", 0), ("雙人", 800))))),
    ),
    (
        ("阿里山高山烏龍茶", 1200, (("規格", (("150g", 0), ("300g", 1100))),
                                  ("包裝", (("真空袋", 0), ("禮盒", 200))))),
        ("凍頂烏龍茶", 800, (("規格", (("150g", 0), ("300g", 720))),)),
        ("東方美人茶 75g", 1500, (("包裝", (("罐裝", 0), ("禮盒", 200))),)),
        ("日月潭紅玉紅茶 100g", 650, ()),
        ("文山包種茶 150g", 700, ()),
        ("蜜香紅茶茶包（20入）", 380, ()),
        ("冷泡茶包（30入）", 450, (("口味", (("烏龍", 0), ("紅茶", 0), ("綠茶", 0))),)),
        ("梨山高冷茶 150g", 2400, ()),
        ("鶯歌手拉坏茶壺", 2200, (("顏色", (("朱泥", 0), ("黑陶", 0))),)),
        ("旅行茶具組", 1680, (("顏色", (("米白", 0), ("墨黑", 0))),)),
        ("品茗杯（兩入）", 560, (("顏色", (("天青", 0), ("月白", 0))),)),
    ),
)

SURNAMES = (
    ("陳", "chen", 11), ("林", "lin", 8), ("黃", "huang", 6), ("張", "chang", 5), ("李", "lee", 5),
    ("王", "wang", 4), ("吳", "wu", 4), ("劉", "liu", 3), ("蔡", "tsai", 3), ("楊", "yang", 3),
    ("許", "hsu", 2), ("鄭", "cheng", 2), ("謝", "hsieh", 2), ("郭", "kuo", 2), ("洪", "hung", 2),
    ("曾", "tseng", 2), ("邱", "chiu", 2), ("廖", "liao", 2), ("賴", "lai", 2), ("周", "chou", 1),
    ("徐", "hsu", 1), ("蘇", "su", 1), ("葉", "yeh", 1), ("莊", "chuang", 1), ("呂", "lu", 1),
    ("江", "chiang", 1), ("何", "ho", 1), ("蕭", "hsiao", 1), ("羅", "lo", 1), ("高", "kao", 1),
)
GIVEN_NAMES = (
    ("怡君", "yichun"), ("雅婷", "yating"), ("志明", "chihming"), ("淑芬", "shufen"),
    ("家豪", "chiahao"), ("俊傑", "chunchieh"), ("宗翰", "tsunghan"), ("佳蓉", "chiajung"),
    ("冠宇", "kuanyu"), ("詩涵", "shihhan"), ("承恩", "chengen"), ("宜蓁", "yichen"),
    ("柏翰", "pohan"), ("思妤", "ssuyu"), ("建宏", "chienhung"), ("美玲", "meiling"),
    ("宇軒", "yuhsuan"), ("欣怡", "hsinyi"), ("彥廷", "yenting"), ("品妤", "pinyu"),
    ("佩珊", "peishan"), ("承翰", "chenghan"), ("雅雯", "yawen"), ("志豪", "chihhao"),
    ("惠雯", "huiwen"), ("子晴", "tzuching"), ("柏宇", "poyu"), ("郁婷", "yuting"),
    ("俊宏", "chunhung"), ("心怡", "hsinyi"), ("家瑋", "chiawei"), ("婉婷", "wanting"),
)
EMAIL_DOMAINS = (("gmail.com", 60), ("yahoo.com.tw", 20), ("hotmail.com", 10), ("outlook.com", 5),
                 ("msa.hinet.net", 5))

#: (city, district, postcode, roads, weight).
PLACES = (
    ("台北市", "大安區", "106", ("復興南路一段", "敦化南路二段", "和平東路三段", "信義路四段"), 8),
    ("台北市", "信義區", "110", ("松仁路", "忠孝東路五段", "基隆路一段"), 5),
    ("台北市", "中山區", "104", ("南京東路二段", "林森北路", "民生東路三段"), 5),
    ("台北市", "內湖區", "114", ("成功路四段", "內湖路一段", "瑞光路"), 4),
    ("新北市", "板橋區", "220", ("文化路一段", "中山路二段", "縣民大道二段"), 7),
    ("新北市", "中和區", "235", ("景平路", "中山路三段", "中正路"), 5),
    ("新北市", "新店區", "231", ("北新路二段", "中正路", "民權路"), 4),
    ("新北市", "三重區", "241", ("重新路四段", "正義北路"), 4),
    ("桃園市", "中壢區", "320", ("中北路", "元化路", "環中東路"), 5),
    ("桃園市", "桃園區", "330", ("中正路", "經國路", "大興西路二段"), 5),
    ("新竹市", "東區", "300", ("光復路二段", "關新路", "民族路"), 4),
    ("台中市", "西屯區", "407", ("台灣大道三段", "文心路三段", "河南路二段"), 6),
    ("台中市", "北區", "404", ("三民路三段", "健行路", "雙十路二段"), 4),
    ("台中市", "南屯區", "408", ("公益路二段", "大墩路"), 4),
    ("台南市", "東區", "701", ("東寧路", "裕農路", "崇學路"), 4),
    ("台南市", "中西區", "700", ("民族路二段", "西門路二段"), 3),
    ("高雄市", "前鎮區", "806", ("中華五路", "一心二路", "民權二路"), 4),
    ("高雄市", "左營區", "813", ("博愛二路", "自由二路", "裕誠路"), 4),
    ("高雄市", "三民區", "807", ("建工路", "九如一路"), 3),
    ("基隆市", "仁愛區", "200", ("愛三路", "忠一路"), 2),
    ("宜蘭縣", "羅東鎮", "265", ("公正路", "中正北路"), 2),
    ("花蓮縣", "花蓮市", "970", ("中山路", "中華路"), 1),
)

BANKS = (("004", "臺灣銀行"), ("005", "土地銀行"), ("006", "合作金庫"), ("007", "第一銀行"),
         ("008", "華南銀行"), ("012", "台北富邦"), ("013", "國泰世華"), ("700", "中華郵政"),
         ("808", "玉山銀行"), ("812", "台新銀行"), ("822", "中國信託"))
BRANCHES = ("營業部", "大安分行", "信義分行", "中山分行", "板橋分行", "中和分行", "中壢分行",
            "桃園分行", "新竹分行", "台中分行", "西屯分行", "台南分行", "高雄分行", "左營分行")

PAYMENT_NOTES = {
    "atm": ("", "", "已轉帳，麻煩確認", "用家人帳戶轉的，戶名不同"),
    "card": ("信用卡授權成功",),
    "cod": ("貨到付款，物流代收",),
    "cvs": ("超商代碼繳費完成",),
}
OUT_OF_STOCK_REASONS = (
    "供應商延遲出貨，預計兩週後到貨",
    "此顏色已售完，等待廠商補貨",
    "倉庫盤點發現庫存不足",
    "此尺寸缺貨，工廠排單中",
    "本批茶葉品管未通過，等待新一批",
    "廠商調整產線，到貨日未定",
)
CUSTOMER_REASONS = (
    "不小心重複下單",
    "想改買其他顏色或尺寸",
    "付款方式選錯，想重新下單",
    "臨時不需要了",
    "在實體店面買到了",
    "收件地址填錯，想重新下單",
)
CUSTOMER_REASONS_OUT_OF_STOCK = (
    "缺貨等太久，不想等了",
    "急著送禮，等不及補貨",
    "想改買其他有現貨的商品",
)
CUSTOMER_REASONS_SHIPPED = (
    "尺寸不合，想退貨",
    "商品與網頁照片差異太大",
    "收到的商品有瑕疵",
    "收到的顏色與訂購的不同",
    "茶葉風味與預期落差大",
    "外盒破損，商品有刮傷",
)
CLERK_REASONS = (
    "商品缺貨且補貨時間過長，已電話聯繫顧客同意取消",
    "廠商停產，無法出貨",
    "顧客來電表示缺貨不想再等，請協助取消",
)
REJECT_REASONS = (
    "已與顧客電話確認，顧客決定繼續等候",
    "顧客來電撤回取消申請",
    "重複的申請，原申請已處理",
)
REJECT_REASONS_SHIPPED = (
    "已超過七天鑑賞期",
    "商品已拆封使用，不符合退貨條件",
    "茶葉已開封，食品類拆封後恕不退換",
)
RETURN_FAIL_REASONS = (
    "物流到府取件三次未遇",
    "顧客未於約定期限內寄回",
    "退回商品與原訂單不符",
)
REFUND_FAIL_REASONS = (
    "帳號與戶名不符，遭銀行退匯",
    "銀行帳號有誤，退匯",
    "分行代號有誤，匯款失敗",
)

#: The shop's local hour -> relative number of orders placed in that hour.
HOUR_WEIGHTS = (3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 5, 5, 6, 7, 9, 10, 9, 6)
_EPOCH = datetime(1970, 1, 1)
_QUARTER = timedelta(minutes=15)

MIN = 60
HOUR = 3600
DAY = 86400

# What may happen next, by status: (action, weight, shortest delay, longest delay) in seconds;
# action None means the order stays where it is.  A step whose delay would reach beyond now
# does not happen yet, so recent orders are still on their way.
_ORDER_NEXT = {
    S.UNPAID: ((A.RECORD_PAYMENT, 92, 0, 0), (A.REQUEST_CANCEL_CUSTOMER, 3, 10 * MIN, 2 * DAY),
               (None, 5, 0, 0)),
    S.PAID: ((A.CONFIRM_PAYMENT, 97, HOUR, 2 * DAY), (A.REQUEST_CANCEL_CUSTOMER, 2, HOUR, DAY),
             (None, 1, 0, 0)),
    S.AWAITING_SHIPMENT: ((A.SHIP, 90, 4 * HOUR, 3 * DAY), (A.OUT_OF_STOCK, 7, 2 * HOUR, 2 * DAY),
                          (A.REQUEST_CANCEL_CUSTOMER, 2, 2 * HOUR, 2 * DAY), (None, 1, 0, 0)),
    S.OUT_OF_STOCK: ((A.BACK_TO_AWAITING, 60, 2 * DAY, 12 * DAY), (A.REQUEST_CANCEL_CLERK, 22, DAY, 6 * DAY),
                     (A.REQUEST_CANCEL_CUSTOMER, 12, DAY, 5 * DAY), (None, 6, 0, 0)),
    S.COMPLETED: ((A.REQUEST_CANCEL_CUSTOMER, 3, DAY, 7 * DAY), (None, 97, 0, 0)),
}
#: A cash-on-delivery order's next steps: accepted unpaid, shipped, then picked up (paid to
#: the carrier) or back uncollected; the other statuses as a paid-first order's.
_COD_NEXT = {
    **_ORDER_NEXT,
    S.UNPAID: ((A.ACCEPT, 94, 20 * MIN, DAY), (A.REQUEST_CANCEL_CUSTOMER, 3, 10 * MIN, DAY),
               (None, 3, 0, 0)),
    S.IN_DELIVERY: ((A.PICKED_UP, 84, DAY, 6 * DAY), (A.NOT_COLLECTED, 9, 8 * DAY, 10 * DAY),
                    (None, 7, 0, 0)),
}
_CANCEL_NEXT = {
    C.PENDING_REVIEW: ((CA.APPROVE, 80, 2 * HOUR, 3 * DAY), (CA.REJECT, 18, 2 * HOUR, 3 * DAY),
                       (None, 2, 0, 0)),
    C.AWAITING_RETURN: ((CA.RETURN_DONE, 85, 3 * DAY, 10 * DAY), (CA.RETURN_FAILED, 14, 5 * DAY, 12 * DAY),
                        (None, 1, 0, 0)),
    C.RETURN_FAILED: ((CA.RETURN_DONE, 75, 3 * DAY, 10 * DAY), (None, 25, 0, 0)),
    C.REFUND_PENDING: ((CA.REFUND_DONE, 88, DAY, 5 * DAY), (CA.REFUND_FAILED, 10, DAY, 4 * DAY),
                       (None, 2, 0, 0)),
    C.REFUND_FAILED: ((CA.REFUND_DONE, 80, 2 * DAY, 7 * DAY), (None, 20, 0, 0)),
}
#: When the customer pays, by payment kind.
_PAY_DELAY = {"card": (MIN, 15 * MIN), "atm": (HOUR, 3 * DAY), "cvs": (2 * HOUR, 2 * DAY), "cod": (10 * MIN, DAY)}
_REQUESTS = (A.REQUEST_CANCEL_CLERK, A.REQUEST_CANCEL_CUSTOMER)
MAX_REQUESTS = 2

#: Paths written out so that even a small demo shows every status; each is given to one
#: order at least 20 days old.  The rest of the orders take the random walk.
#: A company's order returned and refunded after a failed first return: its B2B invoice,
#: which the company has booked, is kept and an allowance made (``_invoice_events``), so
#: every demo has a B2B allowance whatever day it is built (the others depend on the day).
COMPANY_RETURN = (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.SHIP, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE,
                  CA.RETURN_FAILED, CA.RETURN_DONE, CA.REFUND_DONE)
SCRIPTS = (
    (),
    (A.RECORD_PAYMENT,),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.SHIP),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.BACK_TO_AWAITING, A.SHIP),
    # Customer requests, one ending in each cancellation status.
    (A.RECORD_PAYMENT, A.REQUEST_CANCEL_CUSTOMER),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.SHIP, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.SHIP, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE, CA.RETURN_FAILED),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.SHIP, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE, CA.RETURN_DONE,
     CA.REFUND_FAILED),
    (A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE),
    COMPANY_RETURN,
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.SHIP, A.REQUEST_CANCEL_CUSTOMER, CA.REJECT),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.REQUEST_CANCEL_CUSTOMER, CA.REJECT,
     A.BACK_TO_AWAITING, A.SHIP),
    # Clerk requests (退訂申請): from OUT_OF_STOCK only.
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK, CA.APPROVE),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK, CA.APPROVE,
     CA.REFUND_FAILED),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK, CA.APPROVE,
     CA.REFUND_DONE),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK, CA.REJECT),
    # Issue 19: a supervisor's 【結案】 both ways, a corrected account, partial refunds.
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.SHIP, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE, CA.RETURN_FAILED,
     CA.CLOSE_NO_REFUND),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.SHIP, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE, CA.RETURN_FAILED,
     CA.CLOSE_TO_REFUND, CA.REFUND_DONE),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK, CA.APPROVE,
     CA.REFUND_FAILED, CA.CORRECT_ACCOUNT, CA.REFUND_DONE),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK, CA.APPROVE,
     CA.REFUND_PARTIAL, CA.WRITE_OFF),
    (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK, CA.APPROVE,
     CA.REFUND_PARTIAL),
    # A payment notice no clerk confirmed: the approval asks whether the money arrived.
    (A.RECORD_PAYMENT, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE, CA.REFUND_DONE),
    # Cash on delivery (issue 12): waiting to be accepted, on its way, picked up, back
    # uncollected, cancelled before shipping, and collected then returned with a refund.
    (A.ACCEPT, A.SHIP),
    (A.ACCEPT, A.SHIP, A.PICKED_UP),
    (A.ACCEPT, A.SHIP, A.NOT_COLLECTED),
    (A.ACCEPT, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE),
    (A.ACCEPT, A.SHIP, A.PICKED_UP, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE, CA.RETURN_DONE, CA.REFUND_DONE),
)
#: A paid card order cancelled and refunded by the card's reversal (issue 19): given a card
#: method, so that every demo shows one whatever its orders' random methods and dates.
CARD_REFUND = (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT, A.REQUEST_CANCEL_CUSTOMER, CA.APPROVE, CA.REFUND_DONE)
SCRIPTS += (CARD_REFUND,)
#: Scripts that correct the payee account are given a payment method refunded by remittance.
_NEEDS_REMITTANCE = frozenset({CA.CORRECT_ACCOUNT})
NOT_COLLECTED_REASONS = ("超過 7 天未取件，包裹退回", "顧客拒收，物流退回", "地址錯誤無法投遞，退回本店")
PARTIAL_REFUND_REASONS = ("顧客同意先退部分款項，其餘待商品檢查後處理", "部分商品已使用，扣除折損")
WRITE_OFF_REASONS = ("扣除商品折損，經主管核准不再退還", "顧客同意扣除運費")
CLOSE_REASONS = ("顧客逾期未寄回商品，主管核定結案", "物流確認商品遺失，主管核定")
SCRIPT_MIN_AGE = 20 * DAY


def _cum(weights) -> tuple[list[int], int]:
    out, total = [], 0
    for w in weights:
        total += w
        out.append(total)
    return out, total


def _picker(rows, weight_of):
    cum, total = _cum(weight_of(r) for r in rows)
    return rows, cum, total


# Random draws from ``random.Random.random`` alone: its ``choice``/``randrange`` wrappers cost
# about a microsecond each, which is a good part of a million-order build.


def _pick(rand, picker):
    rows, cum, total = picker
    return rows[bisect(cum, rand() * total)]


def _choice(rand, seq):
    return seq[int(rand() * len(seq))]


def _between(rand, lo: int, hi: int) -> int:
    """An int from lo to hi inclusive."""
    return lo + int(rand() * (hi - lo + 1))


_POW10 = [10 ** i for i in range(16)]


def _digits(rand, n: int) -> str:
    return f"{int(rand() * _POW10[n]):0{n}d}"


_ORDER_PICK = {s: _picker(rows, lambda r: r[1]) for s, rows in _ORDER_NEXT.items()}
_COD_PICK = {s: _picker(rows, lambda r: r[1]) for s, rows in _COD_NEXT.items()}
_CANCEL_PICK = {s: _picker(rows, lambda r: r[1]) for s, rows in _CANCEL_NEXT.items()}
_DELAYS = {row[0]: (row[2], row[3])
           for table in (*_ORDER_NEXT.values(), *_COD_NEXT.values(), *_CANCEL_NEXT.values())
           for row in table if row[0] is not None}
# The actions only the scripts take.
_DELAYS.update({CA.CLOSE_NO_REFUND: (3 * DAY, 7 * DAY), CA.CLOSE_TO_REFUND: (3 * DAY, 7 * DAY),
                CA.CORRECT_ACCOUNT: (HOUR, DAY), CA.REFUND_PARTIAL: (DAY, 4 * DAY),
                CA.WRITE_OFF: (2 * DAY, 6 * DAY)})
_SURNAME_PICK = _picker(SURNAMES, lambda r: r[2])
_DOMAIN_PICK = _picker(EMAIL_DOMAINS, lambda r: r[1])
_PLACE_PICK = _picker(PLACES, lambda r: r[4])
_STORE_PICK = _picker(tuple(range(len(STORES))), lambda i: STORE_WEIGHTS[i])
_PM_PICK = _picker(tuple(range(len(PAYMENT_METHODS))), lambda i: PAYMENT_METHODS[i][3])
_SM_PICK = _picker(tuple(range(len(SHIPPING_METHODS))), lambda i: SHIPPING_METHODS[i][4])
_QTY_PICK = _picker((1, 2, 3), lambda q: {1: 78, 2: 18, 3: 4}[q])
_NITEMS_PICK = _picker((1, 2, 3), lambda k: {1: 55, 2: 33, 3: 12}[k])
