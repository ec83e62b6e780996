"""Fill the English .ts with the translations below, then the update script compiles it.

    python scripts/translate_en.py            fill every unfinished or empty translation
    python scripts/translate_en.py --all      also rewrite finished ones the dictionary words differently
    python scripts/translate_en.py --check    only list the strings that have no English yet

A message is looked up first by (context, source) in ``BY_CONTEXT``, then by its source
alone in ``COMMON``.  Without ``--all``, translations already finished in the .ts are left as
they are, so a hand-made correction there survives.  Run ``bash scripts/update_translations.sh`` first
(to collect new strings) and again after (to normalise the file and compile the .qm).
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "app" / "resources" / "translations" / "orderdesk_en.ts"

#: One English text for a source, whatever its context.
COMMON: dict[str, str] = {
    # ---- issue 17: views, waiting orders, small defects
    "等待天數": "Days waiting",
    "全部付款方式": "All payment methods",
    "全部送貨方式": "All shipping methods",
    "付款方式：{0}": "Payment method: {0}",
    "送貨方式：{0}": "Shipping method: {0}",
    "【{0}】": "{0}",
    "zh_TW": "en_US",
    " 天": " days",
    "已付款、等待出貨或缺貨的訂單，自下單起超過這個天數即以底色標示":
        "Paid, awaiting-shipment or out-of-stock orders placed more than this many days ago are highlighted",
    "等待超過(&W)": "&Waiting over",
    "標示": "highlighted",
    "已等待 {0} 天，超過 {1} 天": "Waiting {0} days, over {1}",
    "已等待 {0} 天": "Waiting {0} days",
    "檢視(&V)": "&View",
    "儲存檢視…": "Save view…",
    "刪除檢視": "Delete view",
    "（未儲存的檢視）": "(unsaved view)",
    "儲存檢視": "Save view",
    "檢視名稱（同名的檢視會被取代）：": "View name (a view of the same name is replaced):",
    "已儲存檢視「{0}」": "View “{0}” saved",
    "已刪除檢視「{0}」": "View “{0}” deleted",
    "未設定操作人員，動作沒有執行：每一筆訂單歷程都要記錄是誰做的。":
        "No clerk name set, nothing was done: every order's history records who did it.",
    "姓名不能空白：每一筆訂單歷程都要記錄是誰做的。請輸入您的姓名，或按【取消】不執行。":
        "The name cannot be empty: every order's history records who did it. Enter your name, or press Cancel to do nothing.",
    "例：{0}": "e.g. {0}",
    "常用選項": "Common choices",
    # ---- the fixed terms
    "訂單管理": "Orders",
    "取消訂單": "Cancellations",
    "付款方式": "Payment method",
    "送貨方式": "Shipping method",
    "商品訂單": "Shop orders",
    "訂單清單": "All orders",
    "未付款清單": "Unpaid",
    "已付款清單": "Paid",
    "等待出貨": "Awaiting shipment",
    "缺貨訂單": "Out of stock",
    "已完成訂單": "Completed",
    "取消訂單審核": "Pending review",
    "等待退貨": "Awaiting return",
    "退貨失敗": "Return failed",
    "尚未退款": "Refund pending",
    "退款失敗": "Refund failed",
    "取消完成訂單": "Cancelled",
    "全部申請": "All requests",
    "查詢": "View",
    "確認付款": "Confirm payment",
    "出貨": "Ship",
    "缺貨": "Out of stock",
    "退訂申請": "Request cancellation",
    "通過": "Approve",
    "不通過": "Reject",
    "退貨完成": "Return done",
    "退款成功": "Refund done",
    "客服編號": "Customer-service no.",
    "操作人員": "Clerk",
    # ---- statuses and history actions
    "未付款": "Unpaid",
    "已付款": "Paid",
    "已完成": "Completed",
    "取消處理中": "Cancelling",
    "已取消": "Cancelled",
    "等待審核": "Pending review",
    "取消完成": "Cancelled",
    "登錄付款通知": "Record payment notice",
    "顧客申請取消": "Customer requested cancellation",
    "取消申請不通過": "Cancellation rejected",
    "新訂單": "New order",
    "提出取消申請": "Cancellation requested",
    "已出貨": "Shipped",
    "未出貨": "Not shipped",
    # ---- fields, columns and labels
    "訂單編號": "Order no.",
    "訂單日期": "Order date",
    "申請日期": "Request date",
    "取消原因": "Cancellation reason",
    "付款狀態": "Payment",
    "出貨狀態": "Shipment",
    "申請人": "Requested by",
    "應退金額": "Refund due",
    "處理狀態": "Status",
    "目前狀態": "Status",
    "狀態": "Status",
    "出貨日期": "Ship date",
    "商店名稱": "Store",
    "商店": "Store",
    "訂購人": "Buyer",
    "電話": "Phone",
    "訂單金額": "Order total",
    "顧客": "Customer",
    "管理人員": "Staff",
    "轉帳日期": "Transfer date",
    "金額": "Amount",
    "帳號末五碼": "Account last 5 digits",
    "備註": "Note",
    "物流業者": "Carrier",
    "貨運單號": "Tracking no.",
    "原因": "Reason",
    "銀行代碼": "Bank code",
    "分行": "Branch",
    "帳號": "Account no.",
    "戶名": "Account name",
    "發票已退回": "Invoice returned",
    "商品完好": "Goods intact",
    "匯款日期": "Remittance date",
    "匯款編號": "Remittance ref.",
    "匯款金額": "Remittance amount",
    "匯款帳戶": "Refund account",
    "通知金額": "Notified amount",
    "商品小計": "Subtotal",
    "運費": "Shipping fee",
    "應收運費": "Shipping charged",
    "登錄人員": "Recorded by",
    "缺貨原因": "Out-of-stock reason",
    "退訂原因": "Cancellation reason",
    "不通過原因": "Reason for rejection",
    "退貨失敗原因": "Why the return failed",
    "退款失敗原因": "Why the refund failed",
    "是否退回發票": "Invoice returned?",
    "退回商品是否完好": "Returned goods intact?",
    "付款／出貨": "Payment / shipment",
    "付款標題": "Payment title",
    "送貨標題": "Shipping title",
    "標題": "Title",
    "說明": "Description",
    "免運費條件": "Free shipping over",
    "選取": "Select",
    "操作": "Actions",
    "商品": "Product",
    "規格": "Options",
    "數量": "Qty",
    "單價": "Unit price",
    "小計": "Subtotal",
    "姓名": "Name",
    "電子郵件": "Email",
    "送貨地址": "Delivery address",
    "時間": "Time",
    "動作": "Action",
    "原狀態": "From",
    "新狀態": "To",
    "內容": "Details",
    "是": "Yes",
    "否": "No",
    "無": "None",
    # ---- buttons and menus
    "取消": "Cancel",
    "確定": "OK",
    "關閉": "Close",
    "刪除": "Delete",
    "修改": "Edit",
    "新增": "Add",
    "還原": "Restore",
    "上移": "Move up",
    "下移": "Move down",
    "顯示已封存": "Show archived",
    "搜尋": "Search",
    "全部商店": "All stores",
    "檔案": "File",
    "重新整理": "Refresh",
    "結束": "Quit",
    "設定": "Settings",
    "操作人員…": "Clerk…",
    "關於 OrderDesk": "About OrderDesk",
    "檔案(&F)": "&File",
    "設定(&S)": "&Settings",
    "說明(&H)": "&Help",
    "重新整理(&R)": "&Refresh",
    "結束(&X)": "E&xit",
    "操作人員(&O)…": "&Clerk…",
    "資料庫連線(&D)…": "&Database connection…",
    "關於 OrderDesk(&A)": "&About OrderDesk",
    "快速鍵(&K)": "&Keyboard shortcuts",
    "快速鍵": "Keyboard shortcuts",
    "按鍵": "Keys",
    "下一個分頁": "Next tab",
    "上一個分頁": "Previous tab",
    "第 {0} 個分頁": "Tab {0}",
    "已完成「{0}」：訂單 {1}": "Done: “{0}”, order {1}",
    "已完成「{0}」：{1} 筆訂單": "Done: “{0}”, {1} order(s)",
    "（{0} 筆未完成）": " ({0} not done)",
    "打開明細": "Show details",
    "關閉明細": "Hide details",
    "確定缺貨": "Mark out of stock",
    "選填": "Optional",
    "例如：CS-0001": "e.g. CS-0001",
    "例如：{0}": "e.g. {0}",
    "無法完成": "Could not complete",
    # ---- headings and titles
    "OrderDesk 訂單管理後台": "OrderDesk Order Back Office",
    "OrderDesk {0}\n商店訂單管理後台。": "OrderDesk {0}\nThe order back office for a shop.",
    "操作人員：{0}": "Clerk: {0}",
    "（未設定）": "(not set)",
    "檢視商品訂單資訊": "Order details",
    "檢視商品訂單資訊 — {0}": "Order details — {0}",
    "找不到這筆訂單。": "This order could not be found.",
    "購買物品內容": "Items purchased",
    "訂單明細": "Order details",
    "出貨資訊": "Shipping details",
    "付款通知": "Payment notice",
    "訂購人資訊": "Buyer",
    "訂單歷程": "Order history",
    "{date} 轉帳 {amount}，帳號末五碼 {last5}": "{amount} transferred on {date}, account ending {last5}",
    "審核通過 — {0}": "Approve — {0}",
    "審核不通過 — {0}": "Reject — {0}",
    "等待出貨 — {0}": "Awaiting shipment — {0}",
    "退訂申請 — {0}": "Request cancellation — {0}",
    "確認付款 — {0}": "Confirm payment — {0}",
    "登錄付款通知 — {0}": "Record payment notice — {0}",
    "缺貨 — {0}": "Out of stock — {0}",
    "出貨 — {0}": "Ship — {0}",
    "退貨完成 — {0}": "Return done — {0}",
    "退貨失敗 — {0}": "Return failed — {0}",
    "退款成功 — {0}": "Refund done — {0}",
    "退款失敗 — {0}": "Refund failed — {0}",
    "<b>付款通知</b>": "<b>Payment notice</b>",
    "<b>出貨資訊</b>": "<b>Shipping details</b>",
    "<b>退款匯款資料</b>（已付款，必填）": "<b>Refund bank details</b> (paid: required)",
    "<b>退款匯款資料</b>（未付款，免填）": "<b>Refund bank details</b> (unpaid: not needed)",
    # ---- filters, hints, placeholders
    "搜尋：{0}": "Search: {0}",
    "日期：{0} ～ {1}": "Date: {0} – {1}",
    "商店：{0}": "Store: {0}",
    "訂單編號、訂購人姓名或電話": "Order no., buyer name or phone",
    "訂單編號、訂購人、電話或取消原因": "Order no., buyer, phone or cancellation reason",
    "Enter 或按兩下": "Enter or double-click",
    "請輸入您的姓名（會記錄在每一筆訂單歷程）：": "Your name (recorded in the history of every order you handle):",
    "最多 {0}": "At most {0}",
    "銀行交易序號或匯款單號": "Bank transaction or remittance number",
    "三位數字，例如：812": "3 digits, e.g. 812",
    "6 到 16 位數字": "6 to 16 digits",
    "缺貨原因：{0}": "Out-of-stock reason: {0}",
    "付款帳號的最後五位數字": "The last five digits of the paying account",
    "會記錄在審核狀況與訂單歷程": "Recorded in the review and in the order history",
    "例如：帳號與戶名不符，款項遭退回": "e.g. Account number and name did not match; the money came back",
    "例如：顧客未在約定時間交回商品": "e.g. The customer did not hand back the goods by the agreed time",
    "例如：廠商延後到貨，預計兩週": "e.g. Supplier delivery delayed by about two weeks",
    "例如：黑貓宅急便": "e.g. T-Cat",
    "例如：ATM 轉帳": "e.g. ATM transfer",
    "例如：請於下單後三日內轉帳至本店帳戶。": "e.g. Please transfer to our account within three days of ordering.",
    "例如：宅配": "e.g. Home delivery",
    "例如：週一至週五出貨，約 2 至 3 天送達。": "e.g. Ships Monday to Friday; delivered in about 2 to 3 days.",
    "整數元，例如 120": "Whole dollars, e.g. 120",
    "留空表示不提供免運費": "Leave empty for no free shipping",
    "輸入商品小計，例如 999": "Enter a subtotal, e.g. 999",
    "不能早於訂單日期 {0}，也不能晚於今天。": "Not before the order date {0} and not after today.",
    "勾選要刪除的項目": "Tick the items to delete",
    "刪除勾選的項目；已有訂單使用的會改為封存": "Delete the ticked items; those used by orders are archived instead",
    "調整選取列的顯示順序（即商店前台列出的順序）":
        "Change the display order of the selected row (the order the storefront lists them in)",
    "已有訂單使用：刪除時會改為封存，訂單保留原名稱。":
        "Used by orders: deleting archives it instead, and those orders keep the original name.",
    # ---- carriers (suggestions in the ship dialog)
    "黑貓宅急便": "T-Cat",
    "新竹物流": "HCT Logistics",
    "中華郵政": "Chunghwa Post",
    "宅配通": "Pelican Express",
    "嘉里大榮": "Kerry TJ Logistics",
    # ---- sentences in dialogs
    "訂單 {no}（{buyer}）的商品已有存貨？確認後訂單會回到「等待出貨」。":
        "Are the goods for order {no} ({buyer}) back in stock? Once confirmed, the order returns to "
        "“Awaiting shipment”.",
    "按【確定】後，這筆申請不通過，訂單回到「{status}」。":
        "Press OK to reject this request; the order returns to “{status}”.",
    "按【確定】後，這筆申請移至「{tab}」，訂單狀態改為「已取消」。":
        "Press OK to move this request to “{tab}” and set the order to “Cancelled”.",
    "按【確定】後，這筆申請移至「{tab}」。": "Press OK to move this request to “{tab}”.",
    "{bank} {branch}，帳號 {account}，戶名 {name}": "{bank} {branch}, account {account}, name {name}",
    "訂單 {no}（{buyer}），訂單金額 {total}": "Order {no} ({buyer}), total {total}",
    "訂單 {no}（{buyer}），訂單金額 {total}，付款方式：{method}":
        "Order {no} ({buyer}), total {total}, payment method: {method}",
    "確認已收到這筆訂單的貨款？確認後訂單會移到「等待出貨」。":
        "Confirm that payment for this order has been received? The order then moves to "
        "“Awaiting shipment”.",
    "這筆訂單沒有付款通知。": "This order has no payment notice.",
    "注意：通知金額 {paid} 與訂單金額 {total} 不符。":
        "Note: the notified amount {paid} does not match the order total {total}.",
    "訂單 {no}（{buyer}）缺貨，請填寫缺貨原因：": "Order {no} ({buyer}) is out of stock. Enter the reason:",
    "訂單 {no}（{buyer}，{method}）的出貨資訊：": "Shipping details for order {no} ({buyer}, {method}):",
    "・{title}（已有訂單使用，將改為封存）": "• {title} (used by orders; will be archived)",
    "・{title}": "• {title}",
    "已刪除：{titles}。": "Deleted: {titles}.",
    "已封存（仍有訂單使用，訂單保留原名稱）：{titles}。可勾選「顯示已封存」後還原。":
        "Archived (still used by orders, which keep the original name): {titles}. "
        "Tick “Show archived” to restore them.",
    "已還原：{title}。": "Restored: {title}.",
    "新增付款方式": "Add payment method",
    "修改付款方式": "Edit payment method",
    "刪除付款方式": "Delete payment methods",
    "已新增付款方式：{title}。": "Payment method added: {title}.",
    "已修改付款方式：{title}。既有訂單保留原本的付款方式名稱。":
        "Payment method updated: {title}. Existing orders keep their original payment method name.",
    "確定要刪除下列 {count} 個付款方式？": "Delete the following {count} payment method(s)?",
    "已有訂單使用的付款方式不會真的刪除：改為封存，新訂單不能再選，既有訂單保留原名稱；可在「顯示已封存」中還原。":
        "Payment methods used by orders are not really deleted: they are archived, so new orders "
        "cannot choose them and existing orders keep the original name. You can restore them "
        "under “Show archived”.",
    "新增送貨方式": "Add shipping method",
    "修改送貨方式": "Edit shipping method",
    "刪除送貨方式": "Delete shipping methods",
    "已新增送貨方式：{title}。": "Shipping method added: {title}.",
    "已修改送貨方式：{title}。既有訂單保留原本的送貨方式名稱與運費。":
        "Shipping method updated: {title}. Existing orders keep their original shipping method "
        "name and fee.",
    "確定要刪除下列 {count} 個送貨方式？": "Delete the following {count} shipping method(s)?",
    "已有訂單使用的送貨方式不會真的刪除：改為封存，新訂單不能再選，既有訂單保留原名稱與運費；可在「顯示已封存」中還原。":
        "Shipping methods used by orders are not really deleted: they are archived, so new orders "
        "cannot choose them and existing orders keep the original name and fee. You can restore "
        "them under “Show archived”.",
    "運費試算": "Shipping fee preview",
    "填入正確的運費與免運費條件後，這裡會說明免運規則。":
        "Enter a valid fee and free-shipping threshold to see the free-shipping rule here.",
    "運費 NT$0：每筆訂單都免運費。": "Shipping fee NT$0: every order ships free.",
    "不提供免運費：每筆訂單收運費 {fee}。": "No free shipping: every order pays {fee} shipping.",
    "商品小計達 {threshold} 的訂單免運費；未達者收運費 {fee}。":
        "Orders with a subtotal of {threshold} or more ship free; others pay {fee} shipping.",
    "輸入商品小計即可試算。": "Enter a subtotal to preview the shipping fee.",
    "請先填寫正確的運費與免運費條件。": "Enter a valid fee and free-shipping threshold first.",
    "運費 {fee}，訂單總計 {total}": "Shipping {fee}, order total {total}",
    "不提供免運": "No free shipping",
    "滿 {amount} 免運": "Free over {amount}",
    "已封存": "Archived",
    "啟用": "Active",
    # ---- errors
    "目前狀態為「{status}」，不能執行「{action}」。":
        "“{action}” is not possible while the status is “{status}”.",
    "訂單 {number} 的取消申請已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。":
        "The cancellation request for order {number} was changed by {who} at {when}, so nothing "
        "was saved. Check the updated details and try again.",
    "訂單 {number} 已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。":
        "Order {number} was changed by {who} at {when}, so nothing was saved. Check the updated "
        "details and try again.",
    "此欄位必填。": "This field is required.",
    "轉帳日期不能早於訂單日期。": "The transfer date cannot be before the order date.",
    "轉帳日期不能晚於今天。": "The transfer date cannot be after today.",
    "金額必須大於零。": "The amount must be more than zero.",
    "帳號末五碼必須是五位數字。": "Enter exactly five digits for the account's last 5 digits.",
    "出貨日期不能早於訂單日期。": "The ship date cannot be before the order date.",
    "出貨日期不能晚於今天。": "The ship date cannot be after today.",
    "匯款日期不能晚於今天。": "The remittance date cannot be after today.",
    "匯款日期不能早於申請日期。": "The remittance date cannot be before the request date.",
    "銀行代碼必須是三位數字。": "The bank code must be 3 digits.",
    "帳號必須是 6 到 16 位數字。": "The account number must be 6 to 16 digits.",
    "已付款的訂單必須填寫退款匯款資料。": "A paid order needs the bank details for the refund.",
    "請填寫金額。": "Enter an amount.",
    "金額必須是數字。": "The amount must be a number.",
    "金額必須是整數元，不能有小數。": "The amount must be in whole dollars, without decimals.",
    "金額不能是負數。": "The amount cannot be negative.",
    "請選擇是或否。": "Choose Yes or No.",
    "退款金額不能超過已付金額 NT${paid:,}。": "The refund cannot exceed the amount paid, NT${paid:,}.",
    "請先設定操作人員姓名。": "Set the clerk's name first.",
    "沒有「{zone}」這個時區，請用 IANA 名稱，例如 Asia/Taipei。":
        "There is no time zone “{zone}”. Use an IANA name such as Asia/Taipei.",
    "找不到訂單 {id}。": "Order {id} not found.",
    "找不到取消申請 {id}。": "Cancellation request {id} not found.",
    "找不到付款方式 {id}。": "Payment method {id} not found.",
    "找不到送貨方式 {id}。": "Shipping method {id} not found.",
    "訂單至少要有一項商品。": "An order needs at least one item.",
    "數量必須是正整數。": "The quantity must be a whole number above zero.",
    "單價不能是負數。": "The unit price cannot be negative.",
    "找不到商店。": "Store not found.",
    "付款方式不存在或已封存。": "The payment method does not exist or is archived.",
    "送貨方式不存在或已封存。": "The shipping method does not exist or is archived.",
    "訂單編號 {no} 已存在。": "Order no. {no} already exists.",
    "標題不能超過 {max} 個字。": "The title cannot be longer than {max} characters.",
    "已有名為「{title}」的付款方式，請換一個標題。":
        "A payment method named “{title}” already exists; choose another title.",
    "已有名為「{title}」的送貨方式，請換一個標題。":
        "A shipping method named “{title}” already exists; choose another title.",
    # ---- bulk actions, cancellation detail, exports
    "{action}（{n} 筆）": "{action} ({n})",
    "成功 {ok} 筆，未完成 {failed} 筆。": "{ok} done, {failed} not done.",
    "結果": "Result",
    "成功": "Done",
    "未完成": "Not done",
    "出貨 — {0} 筆訂單": "Ship — {0} orders",
    "出貨（{0} 筆）": "Ship ({0})",
    "以下 {0} 筆訂單將以同一個出貨日期出貨；請填寫每筆訂單的貨運單號。":
        "The {0} orders below ship with the same ship date; enter each order's tracking no.",
    "物流業者（全部）": "Carrier (all)",
    "訂單 {no}：{action}，訂單回到「{status}」。": "Order {no}: {action}; the order is back to “{status}”.",
    "訂單 {no}：{action}，申請已移至「{tab}」，訂單狀態為「{status}」。":
        "Order {no}: {action}; the request moved to “{tab}” and the order is now “{status}”.",
    "訂單 {no}：{action}，申請已移至「{tab}」。": "Order {no}: {action}; the request moved to “{tab}”.",
    "店員": "Clerk",
    "選取一筆申請，按【通過】或【不通過】。": "Select a request, then press Approve or Reject.",
    "檢視取消訂單資訊 — {0}": "Cancellation details — {0}",
    "檢視取消訂單資訊": "Cancellation details",
    "找不到這筆取消申請。": "This cancellation request could not be found.",
    "購物資訊": "Order",
    "取消申請": "Cancellation request",
    "審核狀況": "Review",
    "申請時訂單狀態": "Order status when requested",
    "匯款資訊": "Refund bank details",
    "尚未付款，不需退款帳戶。": "Not paid, so no refund account is needed.",
    "不需退貨（未出貨）": "No return needed (not shipped)",
    "不通過，不需退貨": "Rejected; no return needed",
    "不需退款（未付款）": "No refund needed (not paid)",
    "不通過，不需退款": "Rejected; no refund needed",
    "退貨完成後退款": "Refund after the return is done",
    "審核": "Review",
    "審核結果": "Decision",
    "審核人員": "Reviewed by",
    "審核時間": "Reviewed at",
    "是否需要退貨": "Return needed?",
    "是否需要退款": "Refund needed?",
    "退貨": "Return",
    "退貨結果": "Return result",
    "退貨完成時間": "Returned at",
    "退款": "Refund",
    "退款結果": "Refund result",
    "處理歷程": "History",
    "出貨日期不能早於訂單 {no} 的訂單日期 {day}。": "The ship date cannot be before the order date of order {no}, {day}.",
    "訂單 {no}：請填寫物流業者。": "Order {no}: enter the carrier.",
    "訂單 {no}：請填寫貨運單號。": "Order {no}: enter the tracking no.",
    "運送方式": "Shipping method",
    "客服單號": "Customer-service no.",
    "退貨完成日期": "Return date",
    "退款金額": "Refund amount",
    "退款日期": "Refund date",
    "訂單": "Orders",
    "商品明細": "Items",
    "合計": "Total",
    "退貨失敗：{0}": "Return failed: {0}",
    "退款失敗：{0}": "Refund failed: {0}",
    "遞減": "descending",
    "遞增": "ascending",
    "項目": "Item",
    # ---- export to Excel
    "匯出 Excel": "Export to Excel",
    "匯出選取的列": "Export selected rows",
    "正在匯出「{0}」到 {1}…": "Exporting “{0}” to {1}…",
    "已匯出 {0:,} 筆到 {1}": "Exported {0:,} rows to {1}",
    "已取消匯出，沒有寫入檔案。": "Export cancelled; no file was written.",
    "無法覆寫「{0}」，檔案可能正在 Excel 中開啟。": "Cannot overwrite “{0}”; the file may be open in Excel.",
    "匯出失敗，沒有寫入檔案：{0}": "Export failed; no file was written: {0}",
    "Excel 活頁簿 (*.xlsx)": "Excel workbook (*.xlsx)",
    "無法覆寫「{0}」：這個檔案可能正在 Excel 或其他程式中開啟。\n請先關閉該檔案，或另存成其他檔名。":
        "Cannot overwrite “{0}”: the file may be open in Excel or another program.\n"
        "Close it first, or save under another name.",
    "另存新檔…": "Save as…",
    "僅選取的列": "Selected rows only",
    "清單顯示的全部列": "All rows in the list",
    "清單": "List",
    "範圍": "Scope",
    "篩選條件": "Filters",
    "排序": "Sort",
    "筆數": "Rows",
    "匯出人員": "Exported by",
    "匯出時間": "Exported at",
    "程式版本": "App version",
    "商品明細筆數": "Item rows",
    # ---- later additions
    # issue 15: backups, bad import files
    "數量不能超過 {max}。": "The quantity cannot be more than {max}.",
    "更新資料庫結構之前的備份 {path} 驗證失敗（{why}），資料庫沒有變更。請確認磁碟空間足夠後再開啟一次。":
        "The backup {path} taken before updating the database's structure failed its check ({why}); "
        "the database was not changed. Make sure there is enough disk space and open it again.",
    "工作表「{sheet}」第 {row} 列 {column} 欄：儲存格的內容「{value}」與它的類型（t=\"{kind}\"）不符，檔案可能已損壞，無法匯入。":
        "Sheet “{sheet}”, row {row}, column {column}: the cell holds “{value}”, which does not fit its "
        "type (t=\"{kind}\"); the file may be damaged and cannot be imported.",
    "「{sheet}」第 {row} 列無法讀取（{error}），檔案可能已損壞，無法匯入。":
        "“{sheet}” row {row} cannot be read ({error}); the file may be damaged and cannot be imported.",
    "日期「{value}」太早：不能早於 {earliest}。": "The date “{value}” is too early: it cannot be before {earliest}.",
    "日期 {value} 晚於今天（{today}）。": "The date {value} is after today ({today}).",
    "工作表「{sheet}」第 {row} 列之後的一列（{column} 欄起）：列號「{ref}」不是 Excel 的列號（1 到 1048576），檔案可能已損壞，無法匯入。":
        "Sheet “{sheet}”, the row after row {row} (from column {column}): “{ref}” is not an Excel row "
        "number (1 to 1048576); the file may be damaged and cannot be imported.",
    "工作表「{sheet}」第 {row} 列 {column} 欄：儲存格位置「{ref}」不是 Excel 的儲存格位置（最多到 XFD1048576），檔案可能已損壞，無法匯入。":
        "Sheet “{sheet}”, row {row}, column {column}: “{ref}” is not an Excel cell reference (the last "
        "is XFD1048576); the file may be damaged and cannot be imported.",
    "工作表「{sheet}」第 {row} 列 {column} 欄：這個儲存格離其他資料太遠（工作表只有 {cells:,} 個儲存格，卻要讀入約 {area:,} 個），請刪除多餘的儲存格或另存新檔後再匯入。":
        "Sheet “{sheet}”, row {row}, column {column}: this cell is too far from the rest of the data "
        "(the sheet holds {cells:,} cells but reading it would take about {area:,}). Delete the stray "
        "cells, or save the workbook as a new file, and import again.",
    "工作表「{sheet}」第 {row} 列 {column} 欄：數字儲存格的值「{value}」不是數字，檔案可能已損壞，無法匯入。":
        "Sheet “{sheet}”, row {row}, column {column}: the number cell holds “{value}”, which is not a "
        "number; the file may be damaged and cannot be imported.",
    "工作表「{sheet}」第 {row} 列 {column} 欄：文字儲存格指向的共用字串「{value}」不存在（共有 {count} 個），檔案可能已損壞，無法匯入。":
        "Sheet “{sheet}”, row {row}, column {column}: the text cell points to shared string “{value}”, "
        "which does not exist (there are {count}); the file may be damaged and cannot be imported.",
    "這筆訂單的商品已有存貨？確認後訂單會回到「等待出貨」。":
        "Are this order's goods back in stock? Once confirmed, the order returns to “Awaiting shipment”.",
    "資料庫檔案 {path} 在網路磁碟上（{where}）。SQLite 的檔案鎖在網路檔案系統上不可靠，多人同時使用會損壞資料，所以 OrderDesk 不開啟它。一個人使用：把檔案放在這台電腦的磁碟上。多位店員共用：請改用一台 PostgreSQL 或 MariaDB 伺服器（--db postgresql://… 或 --db mysql://…）。":
        "The database file {path} is on a network drive ({where}). SQLite's file locks are not "
        "reliable on network file systems, and several people using it at once would corrupt the "
        "data, so OrderDesk will not open it. For one person: keep the file on this computer's disk. "
        "For several clerks: use a PostgreSQL or MariaDB server instead (--db postgresql://… or "
        "--db mysql://…).",
    "（同上）": "(as above)",
    "資料庫連線": "Database connection",
    "資料庫連線…": "Database connection…",
    "連線": "Connect",
    "這台電腦上的檔案（SQLite，一位店員）": "A file on this computer (SQLite, one clerk)",
    "PostgreSQL 伺服器（多位店員共用）": "PostgreSQL server (shared by several clerks)",
    "MariaDB / MySQL 伺服器（多位店員共用）": "MariaDB / MySQL server (shared by several clerks)",
    "資料庫種類": "Database type",
    "瀏覽…": "Browse…",
    "資料庫檔案": "Database file",
    "伺服器位址": "Server address",
    "連接埠": "Port",
    "資料庫名稱": "Database name",
    "密碼": "Password",
    "（預設）": "(default)",
    "TLS 加密（sslmode）": "TLS encryption (sslmode)",
    "測試連線": "Test connection",
    "這個設定只存在這台電腦上。變更後 OrderDesk 會重新開啟資料。":
        "This setting is kept on this computer only. After a change, OrderDesk reopens the data.",
    "SQLite 資料庫 (*.db)": "SQLite database (*.db)",
    "連線失敗：{0}": "Connection failed: {0}",
    "無法把密碼存入系統的鑰匙圈（{0}）。這次用它連線，但不會記住；下次開啟時會再詢問。":
        "The password could not be stored in the system keychain ({0}). It is used for this "
        "connection but not remembered; you will be asked for it next time.",
    "請輸入資料庫伺服器帳號 {0} 的密碼：": "Password of the database server account {0}:",
    "無法連線：{0}\n請再輸入一次帳號 {1} 的密碼：": "Cannot connect: {0}\nEnter the password of the account {1} again:",
    "無法把密碼存入系統的鑰匙圈（{0}），下次開啟時會再詢問。":
        "The password could not be stored in the system keychain ({0}); you will be asked for it next time.",
    "連線成功：{0}": "Connected: {0}",
    "請選擇資料庫檔案。": "Choose a database file.",
    "請填寫伺服器位址。": "Enter the server address.",
    "請填寫資料庫名稱。": "Enter the database name.",
    "{0}（遞減）": "{0} (descending)",
    "{0}（遞增）": "{0} (ascending)",
    "與資料庫的連線中斷，正在重試…": "Lost the connection to the database; retrying…",
    "已重新連線": "Reconnected",
    "無法開啟 {0}：{1}": "Cannot open {0}: {1}",
    "連線中斷": "Connection lost",
    "與資料庫的連線中斷，這個動作沒有完成，也沒有儲存任何變更。OrderDesk 會自動重新連線；連上後請再試一次。":
        "The connection to the database was lost. This action did not finish and nothing was "
        "saved. OrderDesk reconnects by itself; try again once it is connected.",
    "發生錯誤": "Something went wrong",
    "這個動作沒有完成：{0}": "This action did not finish: {0}",
    # ---- import
    "無法辨識檔案的文字編碼：請存成 UTF-8、Big5 或 Unicode（UTF-16）的 CSV。":
        "Cannot tell the file's text encoding: save it as a UTF-8, Big5 or Unicode (UTF-16) CSV.",
    "「{value}」含有造字（使用者自訂字）：照 Windows 的讀法匯入，但在沒有同樣造字檔的電腦上可能顯示成方塊或空白，請核對。":
        "“{value}” holds a user-defined character (造字): imported as Windows reads it, but on a "
        "computer without the same character file it may show as a box or a blank; please check.",
    "以下 {0:,} 列含有造字（使用者自訂字），會照 Windows 的讀法匯入；在沒有同樣造字檔的電腦上可能顯示成方塊或空白，請核對：":
        "These {0:,} rows hold user-defined characters (造字) and are imported as Windows reads "
        "them; on a computer without the same character file they may show as boxes or blanks. "
        "Please check:",
    "……另有 {0:,} 列。": "…and {0:,} more rows.",
    "資料庫檔案 {path} 在雲端同步資料夾中（{where}）。同步程式會在 OrderDesk 寫入時分別複製資料庫與它的日誌檔，兩台電腦同時開啟還會產生「衝突複本」，資料會分裂或損壞，所以 OrderDesk 不開啟它。一個人使用：把檔案放在不同步的資料夾（例如預設位置）；多位店員共用：請改用一台 PostgreSQL 或 MariaDB 伺服器（--db postgresql://… 或 --db mysql://…）。備份請用匯出，而不是同步資料庫檔案。":
        "The database file {path} is in a cloud-sync folder ({where}). The sync program copies the "
        "database and its journal separately while OrderDesk writes them, and two computers opening "
        "it make “conflicted copies”: the data would be split or corrupted, so OrderDesk will not "
        "open it. For one person: keep the file in a folder that is not synced (the default place, "
        "for one). For several clerks: use a PostgreSQL or MariaDB server instead "
        "(--db postgresql://… or --db mysql://…). For backups, export; do not sync the database file.",
    "無法讀取檔案：{error}": "Cannot read the file: {error}",
    "只能匯入 .xlsx 或 .csv 檔案。": "Only .xlsx or .csv files can be imported.",
    "日期必填。": "The date is required.",
    "日期「{value}」看不懂，請寫成 2026-03-01 或 2026-03-01 14:30。":
        "Cannot read the date “{value}”; write it as 2026-03-01 or 2026-03-01 14:30.",
    "缺少訂單編號。": "The order no. is missing.",
    "訂單編號不能超過 32 個字元。": "The order no. cannot be longer than 32 characters.",
    "訂單編號 {no} 重複：已在「{sheet}」第 {row} 列。":
        "Order no. {no} is repeated: it is already in “{sheet}”, row {row}.",
    "訂單 {no} 已在資料庫中（已匯入過），略過。": "Order {no} is already in the database (imported before); skipped.",
    "訂單編號 {no} 重複：這一列的「{header}」與第 {row} 列不同。":
        "Order no. {no} is repeated: this row's “{header}” differs from row {row}.",
    "商品名稱不能超過 200 個字元。": "The product name cannot be longer than 200 characters.",
    "訂單 {no} 的其他列有錯誤，整筆訂單不匯入。":
        "Other rows of order {no} have errors, so the whole order is not imported.",
    "找不到商店「{value}」。": "Store “{value}” not found.",
    "付款方式「{value}」不存在或已封存。": "Payment method “{value}” does not exist or is archived.",
    "送貨方式「{value}」不存在或已封存。": "Shipping method “{value}” does not exist or is archived.",
    "不能超過 {limit} 個字元。": "Cannot be longer than {limit} characters.",
    "訂單 {no} 已有這筆付款通知（已匯入過），略過。":
        "Order {no} already has this payment notice (imported before); skipped.",
    "申請日期不能早於訂單日期。": "The request date cannot be before the order date.",
    "訂單 {no} 已在取消處理中（已匯入過），略過。":
        "Order {no} is already being cancelled (imported before); skipped.",
    "訂單 {no} 的列有錯誤而不匯入，所以這一列也不匯入。":
        "Order {no} is not imported because of errors in its rows, so this row is not imported either.",
    "找不到訂單 {no}。": "Order {no} not found.",
    "缺少欄位：{columns}，這個工作表不匯入。": "Missing columns: {columns}; this sheet is not imported.",
    "Excel 或 CSV 檔 (*.xlsx *.csv);;所有檔案 (*)": "Excel or CSV files (*.xlsx *.csv);;All files (*)",
    "匯入": "Import",
    "匯入…": "Import…",
    "正在檢查 {0}…": "Checking {0}…",
    "沒有匯入，沒有寫入任何資料。": "Nothing imported; no data was written.",
    "正在匯入 {0:,} 筆…": "Importing {0:,} records…",
    "已取消匯入，沒有寫入任何資料。": "Import cancelled; no data was written.",
    "匯入失敗，沒有寫入任何資料：{0}": "Import failed; no data was written: {0}",
    "匯入檢查結果": "Import check",
    "檔案：{0}": "File: {0}",
    "以下 {0:,} 列有錯誤，不會匯入：": "These {0:,} rows have errors and will not be imported:",
    "工作表": "Sheet",
    "列": "Row",
    "欄位": "Column",
    "只列出前 {0:,} 列。": "Only the first {0:,} rows are listed.",
    "按「匯入」會在一次交易中寫入上面正確的 {0:,} 筆資料；有錯誤的列不會寫入。":
        "Press “Import” to write the {0:,} valid records above in one transaction; rows with "
        "errors are not written.",
    "檔案中的資料都已匯入過，沒有新的資料。": "Everything in the file was imported before; there is nothing new.",
    "沒有可以匯入的資料，什麼都不會寫入。": "There is nothing to import; nothing will be written.",
    "匯入 {0:,} 筆": "Import {0:,} records",
    "訂單 {no} 在檢查之後已被其他店員變更，這次匯入沒有寫入任何資料，請重新匯入。":
        "Order {no} was changed by another clerk after the check, so this import wrote nothing. "
        "Import the file again.",
    "已有一個匯入正在進行。": "An import is already running.",
    "新訂單 {orders:,} 筆（{items:,} 項商品）、付款通知 {notices:,} 筆、取消申請 {requests:,} 筆；已匯入過而略過 {skipped:,} 列；有錯誤 {bad:,} 列。":
        "New orders: {orders:,} ({items:,} items); payment notices: {notices:,}; cancellation "
        "requests: {requests:,}; skipped as imported before: {skipped:,} rows; with errors: {bad:,} rows.",
    "已匯入新訂單 {orders:,} 筆（{items:,} 項商品）、付款通知 {notices:,} 筆、取消申請 {requests:,} 筆。":
        "Imported {orders:,} new orders ({items:,} items), {notices:,} payment notices and "
        "{requests:,} cancellation requests.",
    # Issue 19: closing requests, refund channels, money received, partial refunds.
    '（短收：{0}）': ' (short: {0})',
    '按【確定】後，這筆申請仍在「{tab}」。': 'After OK, this request stays in "{tab}".',
    '顧客少匯 200，已聯絡補款': 'Customer paid NT$200 short; asked to pay the rest',
    '{0} 天': '{0} d',
    '{0} 筆訂單的通知金額少於訂單金額，請填寫短收原因（套用於這些訂單）。': '{0} orders have a payment notice below the order total: enter the shortfall reason (it applies to those orders).',
    '上次退款失敗原因：{0}': 'Why the last refund failed: {0}',
    '上次退款失敗：{day} {amount}，編號 {reference}。原因：{reason}': 'Last refund failed: {day} {amount}, reference {reference}. Reason: {reason}',
    '主管結案，不退款': 'Closed by a supervisor, no refund',
    '付款通知尚未確認，請先查明款項是否已入帳。': 'The payment notice was never confirmed: check whether the money arrived.',
    '付款通知金額 NT${amount:,} 少於訂單金額 NT${total:,}，確認前請填寫短收原因。': 'The payment notice (NT${amount:,}) is below the order total (NT${total:,}): enter the shortfall reason before confirming.',
    '例如：顧客同意扣除運費': 'e.g. the customer agreed to keep the shipping fee deducted',
    '例如：顧客少匯，已聯絡補款': 'e.g. the customer paid short; asked to pay the rest',
    '例如：顧客逾期未寄回商品，經主管核定': 'e.g. the customer did not send the goods back in time; approved by a supervisor',
    '信用卡付款以刷退退款，不需退款帳戶。': 'Card payments are refunded by reversal: no refund account is needed.',
    '信用卡以刷退退款（不需顧客帳戶）；轉帳、ATM、貨到付款以匯款退款': 'Cards are refunded by reversal (no customer account); transfers, ATM codes and cash on delivery by remittance',
    '信用卡刷退不需要退款帳戶。': 'A card reversal needs no refund account.',
    '刷退': 'Card reversal',
    '刷退日期': 'Reversal date',
    '刷退金額': 'Reversal amount',
    '剩 {0} 天': '{0} d left',
    '匯款退款': 'Remittance',
    '即將到期（剩 {0} 天）': 'Due soon ({0} d left)',
    '原帳戶': 'Old account',
    '取消完成（未付款，不需退款）': 'Cancellation completed (not paid, no refund)',
    '取消申請結案': 'Cancellation request closed',
    '只有部分退款之後才能註銷未退餘額；尚未退款的申請請先退款。': 'Only the rest of a partial refund can be written off; refund a request that has had no refund first.',
    '商品未能退回時由主管結案：轉入退款（不等商品退回），或結案不退款（訂單回到原狀態）。': 'When the goods cannot be recovered a supervisor closes the request: on to the refund (without the goods), or closed without a refund (the order goes back to its status).',
    '實收金額': 'Amount received',
    '已入帳：通過後退款': 'Arrived: refund after approval',
    '已結案': 'Closed',
    '已退 {refunded}，尚未退還的 {rest} 將註銷不退，申請隨即完成。': '{refunded} refunded; the {rest} still owed will be written off and the request completed.',
    '已退金額': 'Refunded',
    '已退／未退': 'Refunded / outstanding',
    '已逾期 {0} 天': 'Overdue by {0} d',
    '待退天數': 'Days waiting',
    '按【確定】後，這筆申請結案不退款，訂單回到「{status}」。': 'After OK, this request is closed without a refund and the order goes back to "{status}".',
    '授權碼／交易序號': 'Authorisation / transaction no.',
    '新帳戶': 'New account',
    '更正退款帳戶': 'Correct refund account',
    '更正退款帳戶 — {0}': 'Correct refund account — {0}',
    '未入帳：不需退款': 'Did not arrive: no refund',
    '未退金額': 'Outstanding',
    '核對': 'Check',
    '款項已入帳': 'Money arrived',
    '款項是否已入帳': 'Did the money arrive?',
    '沒有付款通知': 'No payment notice',
    '消保法 §19-2：退貨（或核准取消）後 15 日內退款': 'Consumer Protection Act §19-2: refund within 15 days of the return (or of the approval)',
    '溢收 {0}': 'Overpaid {0}',
    '相符': 'Matches',
    '短收 {0}': 'Short {0}',
    '短收原因': 'Shortfall reason',
    '確認已收到以下 {0} 筆訂單的貨款？確認後訂單會移到「等待出貨」，實收金額記為付款通知的金額。': 'Confirm the payment of these {0} orders? They move to "Awaiting shipment"; the amount received is recorded as the payment notice\'s amount.',
    '確認後，實收金額記為 {paid}（日後退款以此為上限）。': 'The amount received will be recorded as {paid} (any later refund is capped at it).',
    '結案不退款': 'Close without a refund',
    '結案原因': 'Closing reason',
    '結案原因（主管）': 'Closing reason (supervisor)',
    '結案方式': 'How to close',
    '結案時間': 'Closed at',
    '結案（不退款）': 'Close (no refund)',
    '結案（主管）': 'Close (supervisor)',
    '結案（主管）— {0}': 'Close (supervisor) — {0}',
    '結案（轉退款）': 'Close (on to refund)',
    '註銷原因': 'Write-off reason',
    '註銷未退餘額': 'Write off the rest',
    '註銷未退餘額 — {0}': 'Write off the rest — {0}',
    '註銷金額': 'Written off',
    '請選擇': 'Choose',
    '請選擇結案方式。': 'Choose how to close.',
    '請選擇退款方式。': 'Choose the refund channel.',
    '貨到付款（匯款退款）': 'Cash on delivery (remittance)',
    '轉入退款（移至「{0}」）': 'On to the refund (moves to "{0}")',
    '退款方式': 'Refund channel',
    '退款期限': 'Refund deadline',
    '退款金額不能超過尚未退還的已收金額 NT${paid:,}。': 'The refund cannot exceed what is still owed of the money received, NT${paid:,}.',
    '部分退款': 'Partial refund',
    '部分退款原因': 'Partial refund reason',
    '部分退款，餘額註銷': 'Partial refund, rest written off',
    '金流商的刷退交易序號或授權碼': "The gateway's reversal transaction or authorisation number",
    '金額少於應退金額時必填；其餘款項留待之後退還或註銷': 'Required when less than owed; the rest is refunded later or written off',
    '金額少於訂單金額 {total}（短少 {gap}）；確認付款時需填寫短收原因，退款以實收金額為上限。': 'Below the order total {total} (short by {gap}); confirming the payment will need a shortfall reason, and refunds are capped at the amount received.',
    # ---- notes and delivery corrections (issue 17)
    "新增備註": "Add note",
    "修改收件資訊": "Correct delivery details",
    "【新增備註】": "Add note",
    "【修改收件資訊】": "Correct delivery details",
    "修改收件資訊 — {0}": "Correct delivery details — {0}",
    "儲存": "Save",
    "出貨前可以更正收件資訊；每項變更的舊值與新值都會記在訂單歷程。":
        "Delivery details can be corrected until the order ships; each change's old and new "
        "values are kept in the order's history.",
    "收件人": "Recipient",
    "收件資訊沒有變更。": "The delivery details were not changed.",
    "請輸入備註內容。": "Write the note.",
    "備註最多 {n} 個字。": "A note is at most {n} characters.",
    "請填寫收件人姓名。": "Fill in the recipient's name.",
    "請填寫送貨地址。": "Fill in the delivery address.",
    "電話只能有數字、空格、-、括號與開頭的 +。":
        "A phone number has only digits, spaces, dashes, brackets and a leading +.",
    "收件人姓名最多 {n} 個字。": "The recipient's name is at most {n} characters.",
    "電話最多 {n} 個字。": "The phone number is at most {n} characters.",
    "送貨地址最多 {n} 個字。": "The delivery address is at most {n} characters.",
    "{0} 則備註（在明細的歷程中）": "{0} note(s) (in the detail's history)",
    "{old} → {new}": "{old} → {new}",
    "新增備註 — {0}": "Add note — {0}",
    "這則備註記在訂單 {0} 的取消申請上，只有店內人員看得到；新增後不能修改或刪除。":
        "This note goes on the cancellation request of order {0}. Only the shop's staff see it; "
        "once added it cannot be changed or deleted.",
    "這則備註記在訂單 {0} 上，只有店內人員看得到；新增後不能修改或刪除。":
        "This note goes on order {0}. Only the shop's staff see it; once added it cannot be "
        "changed or deleted.",
    "訂單已出貨或已取消，不能修改收件資訊。":
        "The order has shipped or is cancelled: its delivery details can no longer be corrected.",
    "此訂購人的其他訂單（同電話或電子郵件）": "The buyer's other orders (same phone or e-mail)",
    "沒有其他訂單。": "No other orders.",
    "按兩下開啟該筆訂單": "Double-click to open the order",
    "顧客來電：週末不在家，請改週一下午送達":
        "The customer called: not at home at the weekend, please deliver on Monday afternoon",
    "台中市西屯區台灣大道三段 99 號 5 樓": "5F, No. 99, Sec. 3, Taiwan Blvd., Xitun Dist., Taichung",
    "09 電話": "09 phone",
    # ---- invoices (issue 13)
    '發票': 'Invoices',
    '開立發票': 'Record invoice',
    '作廢發票': 'Void invoice',
    '開立折讓單': 'Issue allowance',
    '開立發票 — {0}': 'Record invoice — {0}',
    '作廢發票 — {0}': 'Void invoice — {0}',
    '開立折讓單 — {0}': 'Issue allowance — {0}',
    '開立發票 — {0} 筆訂單': 'Record invoices — {0} orders',
    '發票號碼': 'Invoice number',
    '發票日期': 'Invoice date',
    '發票類型': 'Invoice type',
    '申報期別': 'VAT period',
    '尚餘金額': 'Remaining',
    '應辦理': 'To do',
    '作廢': 'Void',
    '折讓單': 'Allowance',
    '折讓': 'Allowances',
    '開立發票時機：': 'Invoices are issued:',
    '開立發票時機': 'When invoices are issued',
    '匯入發票檔': 'Import invoice file',
    '匯出發票明細帳': 'Export invoice register',
    '待開發票 ({0})': 'To invoice ({0})',
    '待作廢／折讓 ({0})': 'To void or allow ({0})',
    '已登錄發票': 'Invoice recorded',
    '正在匯出發票明細帳…': 'Exporting the invoice register…',
    '已匯出 {0} 張發票、{1} 張折讓單到 {2}': 'Exported {0} invoices and {1} allowances to {2}',
    '顯示最早的 {0:,} 筆，共 {1:,} 筆': 'Showing the oldest {0:,} of {1:,}',
    '共 {0:,} 筆': '{0:,} in all',
    '登錄服務商為訂單 {no}（{buyer}）開立的發票：': 'The invoice the provider issued for order {no} ({buyer}):',
    '例如：AB12345678': 'e.g. AB12345678',
    '買方統一編號': "Buyer's business number",
    '買方名稱（公司抬頭）': "Buyer's company name",
    '載具': 'Carrier',
    '載具號碼／捐贈碼': 'Carrier or donation code',
    '銷售額 {before} ＋ 稅額 {tax} ＝ 總計 {total}': 'Sales {before} + tax {tax} = total {total}',
    '總計 {total}（含稅）': 'Total {total} (tax included)',
    '/ 加 7 個字元，例如 /ABC+123': '/ and 7 characters, e.g. /ABC+123',
    '2 個英文字母加 14 位數字': '2 letters and 14 digits',
    '3 到 7 位數字': '3 to 7 digits',
    '為以下 {0} 筆訂單登錄二聯式發票，號碼從第一個號碼起連續編列：': 'Record B2C invoices for these {0} orders, numbered on from the first number:',
    '第一個發票號碼': 'First invoice number',
    '捐贈碼': 'Donation code',
    '作廢日期': 'Void date',
    '作廢原因': 'Void reason',
    '訂單取消': 'Order cancelled',
    '折讓單號碼': 'Allowance number',
    '折讓日期': 'Allowance date',
    '折讓金額（含稅）': 'Allowance (tax included)',
    '銷售額／稅額': 'Sales / tax',
    '{before} ＋ 稅額 {tax}（發票尚餘 {left}）': '{before} + tax {tax} (invoice has {left} left)',
    '選擇檔案並匯出…': 'Choose a file and export…',
    '發票、作廢與折讓的明細，以及營業稅申報需要的合計。': 'Invoices, voids and allowances, with the sums the VAT return needs.',
    '日期區間': 'Date range',
    '期別': 'Period',
    '從': 'From',
    '到': 'To',
    '發票 {no}（{date}，{period} 期）仍在同一申報期內：請作廢。': 'Invoice {no} ({date}, period {period}) is still in its VAT period: void it.',
    '發票 {no}（{date}，{period} 期）的申報期已過：請開立折讓單。': 'The VAT period of invoice {no} ({date}, period {period}) has passed: issue an allowance.',
    '訂單 {no}：{action}（發票 {invoice}）已登錄。': 'Order {no}: {action} (invoice {invoice}) recorded.',
    '二聯式（個人）': 'B2C (person)',
    '三聯式（公司）': 'B2B (company)',
    '手機條碼': 'Mobile barcode',
    '自然人憑證': 'Citizen certificate',
    '捐贈': 'Donated',
    '紙本': 'Printed',
    '確認付款時': 'At payment confirmation',
    '出貨時': 'At shipment',
    '類別': 'Kind',
    '號碼': 'Number',
    '日期': 'Date',
    '銷售額': 'Sales',
    '稅額': 'Tax',
    '總計': 'Total',
    '沒有發票': 'No invoice',
    '發票 {0}': 'Invoice {0}',
    '發票 {no}（{date}，{period} 期）': 'Invoice {no} ({date}, period {period})',
    '已作廢（{date}，{reason}）': 'voided ({date}, {reason})',
    '已開立折讓單 {nos}，共 {total}，尚餘 {left}': 'allowances {nos}, {total} in all, {left} left',
    '需作廢（仍在同一申報期）': 'to be voided (still in its VAT period)',
    '需開立折讓單（申報期已過）': 'needs an allowance (its VAT period has passed)',
    '{head}：{state}': '{head}: {state}',
    '買方名稱': "Buyer's name",
    '載具號碼': 'Carrier code',
    '來源': 'Source',
    '發票明細帳': 'Invoice register',
    '申報彙總': 'VAT return',
    '有效': 'Valid',
    '類型': 'Type',
    '買方統編': "Buyer's business no.",
    '載具類別': 'Carrier',
    '金額或張數': 'Amount or count',
    '由明細驗算': 'Recomputed from the details',
    '開立發票張數': 'Invoices issued',
    '作廢張數': 'Invoices voided',
    '應稅銷售額（未稅，不含作廢）': 'Taxable sales (before tax, voids excluded)',
    '銷項稅額（不含作廢）': 'Output tax (voids excluded)',
    '銷售總計（含稅，不含作廢）': 'Sales total (tax included, voids excluded)',
    '其中三聯式銷售額': 'of which B2B sales',
    '其中三聯式稅額': 'of which B2B tax',
    '其中二聯式銷售總計（含稅）': 'of which B2C total (tax included)',
    '折讓單張數': 'Allowances issued',
    '銷貨退回及折讓（未稅）': 'Returns and allowances (before tax)',
    '折讓稅額': 'Allowance tax',
    '銷售額淨額': 'Net sales',
    '銷項稅額淨額': 'Net output tax',
    '{period} 期（{days}）': 'period {period} ({days})',
    '申報期間': 'Period',
    '合計（含作廢）': 'Total (voids included)',
    '發票、作廢與折讓': 'Invoices, voids and allowances',
    '發票日期、號碼（遞增）': 'Invoice date, number (ascending)',
    '折讓單筆數': 'Allowances',
    '發票號碼不夠連續編列這些訂單。': 'The invoice numbers run out before these orders do.',
    '結束日期不能早於開始日期。': 'The end date cannot be before the start date.',
    '發票號碼必須是兩個英文大寫字母加八位數字，例如 AB12345678。': 'An invoice number is two capital letters and eight digits, e.g. AB12345678.',
    '統一編號必須是八位數字。': 'A business number (統一編號) is eight digits.',
    '統一編號 {ban} 的檢查碼不正確。': 'The business number {ban} fails its check digit.',
    '請選擇載具類別。': 'Choose a carrier.',
    '手機條碼必須是「/」加七個字元（數字、大寫英文字母或 + - .）。': 'A mobile barcode is “/” and seven characters (digits, capital letters or + - .).',
    '自然人憑證條碼必須是兩個大寫英文字母加十四位數字。': 'A citizen certificate code is two capital letters and fourteen digits.',
    '捐贈碼必須是三到七位數字。': 'A donation code is three to seven digits.',
    '申報期別必須是年-月，例如 2026-11/12 或 2026-11。': 'A VAT period is year-month, e.g. 2026-11/12 or 2026-11.',
    '申報期別是連續兩個月，單月開始：1/2、3/4、5/6、7/8、9/10、11/12。': 'A VAT period is two months starting on an odd month: 1/2, 3/4, 5/6, 7/8, 9/10, 11/12.',
    '發票日期不能早於訂單日期。': 'The invoice date cannot be before the order date.',
    '發票日期不能晚於今天。': 'The invoice date cannot be after today.',
    '請選擇發票類型（二聯式或三聯式）。': 'Choose the invoice type (B2C or B2B).',
    '三聯式（有統一編號）的發票不能捐贈。': 'A B2B invoice (with a business number) cannot be donated.',
    '二聯式發票沒有買受人統一編號；有統一編號請選三聯式。': "A B2C invoice has no buyer's business number; choose B2B for one.",
    '作廢日期不能早於發票日期。': 'The void date cannot be before the invoice date.',
    '作廢日期不能晚於今天。': 'The void date cannot be after today.',
    '發票的申報期別 {period} 已過，不能作廢；請開立折讓單。': "The invoice's VAT period {period} has passed: it cannot be voided; issue an allowance.",
    '折讓單號碼最多 40 個字元。': 'An allowance number has at most 40 characters.',
    '折讓日期不能早於發票日期。': 'The allowance date cannot be before the invoice date.',
    '折讓日期不能晚於今天。': 'The allowance date cannot be after today.',
    '折讓金額不能超過發票尚餘的 NT${remaining:,}。': 'The allowance cannot exceed the NT${remaining:,} the invoice has left.',
    '請選擇開立發票的時機。': 'Choose when invoices are issued.',
    '找不到發票 {id}。': 'Invoice {id} not found.',
    '發票號碼 {no} 已經用於訂單 {order_no}，同一個號碼不能用兩次。': 'Invoice number {no} is already used for order {order_no}; a number is never used twice.',
    '訂單 {order_no} 目前狀態不能開立發票（要已付款、尚未取消）。': 'Order {order_no} cannot be invoiced in its status (it must be paid and not cancelled).',
    '發票金額 NT${amount:,} 與訂單金額 NT${total:,} 不符。': 'The invoice amount NT${amount:,} differs from the order total NT${total:,}.',
    '訂單 {order_no} 已有發票 {no}；要重開請先作廢它。': 'Order {order_no} already has invoice {no}; void it first to issue another.',
    '發票 {no} 已經作廢。': 'Invoice {no} is already voided.',
    '發票 {no} 已開過折讓單，不能再作廢。': 'Invoice {no} has allowances and can no longer be voided.',
    '折讓單號碼 {no} 已經用過，同一個號碼不能用兩次。': 'Allowance number {no} is already used; a number is never used twice.',
    '這筆訂單沒有尚未作廢的發票。': 'This order has no invoice that is not voided.',
    '發票 {no} 已全額折讓。': 'Invoice {no} is fully allowed.',
    # ---- printing (issue 17 item 5)
    "列印出貨單(&P)…": "&Print packing slips…",
    "列印揀貨單(&K)…": "Print pic&k list…",
    "列印出貨單…": "Print packing slips…",
    "列印揀貨單…": "Print pick list…",
    "預覽列印(&V)": "Print pre&view",
    "存成 PDF(&D)": "Save as P&DF",
    "紙張大小(&Z)": "Paper si&ze",
    "出貨單(&S)…": "Packing &slips…",
    "揀貨單(&K)…": "Pic&k list…",
    "出貨單": "Packing slip",
    "揀貨單": "Pick list",
    "列印{0}": "Print: {0}",
    "請先在「訂單管理」的清單選取要列印的訂單。": "First select the orders to print in a list of “Orders”.",
    "已列印 {0} 筆訂單的{1}": "{1} of {0} orders printed",
    "：{0}": ": {0}",
    "預覽列印：{0}": "Print preview: {0}",
    "存成 PDF": "Save as PDF",
    "PDF 文件 (*.pdf)": "PDF documents (*.pdf)",
    "無法寫入「{0}」：{1}": "Cannot write “{0}”: {1}",
    "A4": "A4",
    "10×15 cm 標籤": "10×15 cm label",
    "（續）": " (continued)",
    "共 {0} 件": "{0} items in all",
    "{0}\u3000第 {1}／{2} 頁": "{0}  page {1} of {2}",
    "已揀": "Picked",
    "{0} 筆訂單，{1} 種商品，共 {2} 件\u3000列印時間：{3}": "{0} orders, {1} products, {2} items in all.  Printed {3}",
    "揀貨單\u3000第 {0}／{1} 頁": "Pick list  page {0} of {1}",
    '篩選列合計': 'Total of filtered rows',
    '確認付款人員': 'Payment confirmed by',
    '確認付款時間': 'Payment confirmed at',
    '退款帳戶': 'Refund account',
    '失敗紀錄': 'Failed attempts',
    '審核日期': 'Review date',
    '退款失敗日期': 'Refund failure date',
    '{0}：{1} ～ {2}': '{0}: {1} – {2}',
    '本月': 'This month',
    '上月': 'Last month',
    '最近 30 天': 'Last 30 days',
    '自訂': 'Custom',
    '已付款待確認': 'Paid, unconfirmed',
    '待退款': 'Refund due',
    '【重新整理】': 'Refresh',
    '期間': 'Period',
    '每日收款與退款': 'Received and refunded per day',
    '付款方式（訂單金額）': 'Payment methods (order totals)',
    '目前等待天數': 'Days waiting now',
    '收款': 'Received',
    '收款 {received}，退款 {refunded}，淨額 {net}（{first} ～ {last}）': 'Received {received}, refunded {refunded}, net {net} ({first} – {last})',
    '這段期間沒有訂單。': 'No orders in this period.',
    '{method}：{orders} 筆，{amount}（{share}%）': '{method}: {orders} orders, {amount} ({share}%)',
    '退款期限 {0} 天': 'Refund deadline {0} days',
    '{queue}：無': '{queue}: none',
    '{queue}：{n} 筆，最久 {days} 天': '{queue}: {n}, longest {days} days',
    '已逾退款期限：{0} 筆': 'Past the refund deadline: {0}',
    '{0} 天以上': '{0}+ days',
    '{0}–{1} 天': '{0}–{1} days',
    # ---- issue 13: voids and allowances with the return and refund, VAT periods filed,
    # the provider's file through the import
    '請選擇申報期別。': 'Choose the VAT period.',
    '發票的申報期別 {period} 已申報，不能作廢；請開立折讓單。': "The return of the invoice's VAT period {period} was filed: it cannot be voided; issue an allowance.",
    '申報期別 {period} 已經登錄申報完成（{day}，{who}）。': 'VAT period {period} is already recorded as filed ({day}, {who}).',
    '申報期別 {period} 還沒結束，不能申報。': 'VAT period {period} has not ended yet: it cannot be filed.',
    '申報日期要在申報期別結束之後。': 'The filing date must be after the end of the VAT period.',
    '申報日期不能晚於今天。': 'The filing date cannot be after today.',
    '申報完成': 'VAT return filed',
    '登錄申報完成': 'Record as filed',
    '登錄營業稅申報完成的期別：之後這一期的發票只能開立折讓單，不能再作廢。': "Record the VAT period whose return was filed: from then on that period's invoices get allowances, never a void.",
    '申報日期': 'Filing date',
    '匯入訂單、付款通知、取消申請或發票': 'Import orders, payment notices, cancellation requests or invoices',
    '發票 {invoices:,} 張。': ' Invoices: {invoices:,}.',
    '訂單 {no} 在這個檔案中才新增：請先匯入訂單，再匯入它的發票。': 'Order {no} is new in this file: import the order first, then its invoice.',
    '發票 {invoice} 已登錄在訂單 {no}（已匯入過），略過。': 'Invoice {invoice} is already recorded on order {no} (imported before); skipped.',
    '發票號碼 {invoice} 重複：已在「{sheet}」第 {row} 列。': 'Invoice number {invoice} repeated: already on row {row} of “{sheet}”.',
    '訂單 {no} 在檔案中有兩張發票（另一張在第 {row} 列）。': 'Order {no} has two invoices in the file (the other on row {row}).',
    '檔案中的發票有 {n:,} 列錯誤：發票全部不匯入，改正後再匯入整個檔案。': 'The invoices of the file have {n:,} bad rows: no invoice is imported; correct them and import the whole file again.',
    '看不出這個工作表是訂單、付款通知、取消申請還是發票：請用 docs/IMPORT.md 的欄位名稱。': 'Cannot tell whether this sheet holds orders, payment notices, cancellation requests or invoices: use the column names of docs/IMPORT.md.',
    '發票 {no}（{date}，{period} 期）的申報期已申報：請開立折讓單。': 'The return of the VAT period of invoice {no} ({date}, period {period}) was filed: issue an allowance.',
    '現在登錄作廢': 'Record the void now',
    '現在登錄折讓單': 'Record the allowance now',
    '稍後在「發票」頁登錄': 'Later, on the Invoices page',
    '登錄某一期營業稅已申報：之後這一期的發票只能開立折讓單': "Record that a VAT period's return was filed: its invoices then get allowances only",
    '服務商的已開立發票檔，以訂單編號對應（同「檔案 → 匯入…」）': "The provider's issued-invoice file, matched by order number (as File → Import…)",
    '最近申報：{period}（{day}，{who}）': 'Last filed: {period} ({day}, {who})',
    '尚未登錄申報': 'No VAT return recorded as filed',
    '需開立折讓單（申報期已申報）': 'needs an allowance (its VAT period was filed)',
    '沒有完成（{0}）': 'Not done ({0})',
    # ---- issue 15: stale methods, bounds, order numbers
    "付款方式「{number}」已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。":
        "The payment method “{number}” was changed by {who} at {when}, so nothing was saved. "
        "Check the updated details and try again.",
    "送貨方式「{number}」已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。":
        "The shipping method “{number}” was changed by {who} at {when}, so nothing was saved. "
        "Check the updated details and try again.",
    "金額不能超過 NT${max}。": "The amount cannot be more than NT${max}.",
    "含有無法儲存的 NUL 字元（第 {pos} 個字），請刪除後再試。":
        "Contains a NUL character (character {pos}), which cannot be stored; remove it and try again.",
    "含有無法儲存的字元（第 {pos} 個字是不成對的 Unicode 代理字元），請刪除後再試。":
        "Contains a character that cannot be stored (character {pos} is an unpaired Unicode "
        "surrogate); remove it and try again.",
    "最多 {max} 個字（這一欄的長度上限），這裡有 {n} 個字。":
        "At most {max} characters (this field's limit); this has {n}.",
    "無法取得新的訂單編號（試了 {n} 次都已被使用），這筆訂單沒有儲存。請再試一次。":
        "No new order number could be taken (all {n} tried were in use), so the order was not "
        "saved. Please try again.",
}

#: Where a context needs other English than ``COMMON`` gives.
BY_CONTEXT: dict[tuple[str, str], str] = {
    ("PrintAction", "出貨單"): "Packing slips",
    ("OrderActions", '無法執行'): 'Cannot do this',
    ("OrderActions", '訂單 {no}：{reason}'): 'Order {no}: {reason}',
    ("OrderActions", '沒有完成（{0}）'): 'Not done ({0})',
    ("OrderActions", '已移到「{0}」'): 'Moved to “{0}”',
    ("OrderActions", '確認已收到以下 {0} 筆訂單的貨款？確認後訂單會移到「等待出貨」。'): 'Confirm that payment was received for these {0} orders? They will move to “Awaiting shipment”.',
    ("OrderActions", '付款成功'): 'Payment confirmed',
    ("OrderActions", '訂單 {0} 已付款成功，已移到「等待出貨」。'): 'Order {0}: payment confirmed; moved to “Awaiting shipment”.',
    ("OrderActions", '以下 {0} 筆訂單的商品已有存貨？確認後訂單會回到「等待出貨」。'): 'Are the goods of these {0} orders back in stock? They will move back to “Awaiting shipment”.',
    ("OrderActions", '訂單 {0} 的退訂申請已送出，需等待管理者審核。'): "The cancellation request for order {0} has been sent and waits for a manager's review.",
    ("OrderActions", 'ATM 轉帳'): 'ATM transfer',
    ("OrderActions", '宅配'): 'Home delivery',
    ("OrderActions", '王小明'): 'Wang Xiaoming',
    ("OrderActions", '示範商店'): 'Demo shop',
    ("OrderActions", '藍牙耳機'): 'Bluetooth earphones',
    ("OrderActions", '廠商延後到貨'): 'Supplier delivery delayed',
    ("OrderActions", '顧客來電告知已轉帳'): 'Customer phoned to say they paid',
    ("OrderActions", '廠商延後到貨，預計兩週後補貨'): 'Supplier delayed; restock expected in two weeks',
    ("OrderActions", '商品缺貨，短期內無法出貨'): 'Out of stock; cannot ship soon',
    ("OrderActions", '台北分行'): 'Taipei branch',
    ("OrderActions", '林志明'): 'Lin Zhiming',
    ("Tour", '陳怡君'): 'Chen Yijun',
    # How a history record's input is written out: 「原因：缺貨；金額：NT$820」.
    ("Input", "{label}：{value}"): "{label}: {value}",
    ("Input", "；"): "; ",
    # Page titles and menu entries say the plural; fields and columns say one.
    ("MainWindow", "付款方式"): "Payment methods",
    ("MainWindow", "送貨方式"): "Shipping methods",
    ("MainWindow", "說明"): "Help",
    ("PaymentMethodsPage", "付款方式"): "Payment methods",
    ("ShippingMethodsPage", "送貨方式"): "Shipping methods",
    # A cancellation request's status is a state, not the verb on its button.
    ("Status", "不通過"): "Rejected",
    # A history record of a request: what happened.
    ("Action", "取消完成"): "Cancellation completed",
    # The OK button of the edit dialogs.
    ("PaymentMethodDialog", "修改"): "Save",
    ("ShippingMethodDialog", "修改"): "Save",
    # The column shows "Free over NT$999" or "No free shipping".
    ("MethodsTableModel", "免運費條件"): "Free shipping",
    # A decision or an outcome, not the button that makes it.
    ("CancellationDetailView", "通過"): "Approved",
    ("CancellationDetailView", "不通過"): "Rejected",
    ("Export", "通過"): "Approved",
    ("Export", "不通過"): "Rejected",
    # The export's about sheet: a name and its two columns.
    ("Export", "說明"): "About",
    ("Export", "內容"): "Value",
    ("Export", "取消申請"): "Cancellations",
    # The database user name, not a bank account.
    ("ConnectionDialog", "帳號"): "User name",
}


def english(context: str, source: str) -> str | None:
    return BY_CONTEXT.get((context, source)) or COMMON.get(source)


def _is_unfinished(tr: ET.Element) -> bool:
    return tr.get("type") == "unfinished" or not (tr.text or "").strip()


def fill(path: Path = TS, *, write: bool = True, everything: bool = False) -> tuple[int, list[tuple[str, str]]]:
    """Fill what the dictionaries know; return (how many filled, what is still missing)."""
    tree = ET.parse(path)
    filled, missing = 0, []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("obsolete", "vanished"):
                continue
            source = msg.findtext("source") or ""
            text = english(name, source)
            if not _is_unfinished(tr) and not (everything and text and text != tr.text):
                continue
            if text is None:
                missing.append((name, source))
                continue
            tr.text = text
            tr.attrib.pop("type", None)
            filled += 1
    if write and filled:
        ET.indent(tree, space="    ")
        body = ET.tostring(tree.getroot(), encoding="unicode")
        path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                        encoding="utf-8")
    return filled, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list what has no English yet")
    parser.add_argument("--all", action="store_true", dest="everything",
                        help="also rewrite finished translations the dictionary words differently")
    parser.add_argument("ts", nargs="?", type=Path, default=TS)
    args = parser.parse_args(argv)
    filled, missing = fill(args.ts, write=not args.check, everything=args.everything)
    if not args.check:
        print(f"filled {filled} translation(s) in {args.ts}")
    for context, source in missing:
        print(f"missing: [{context}] {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
