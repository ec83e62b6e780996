<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_TW">
<context>
    <name>Action</name>
    <message>
        <location filename="../../domain/statuses.py" line="+37"/>
        <source>登錄付款通知</source>
        <translation>Record payment notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確認付款</source>
        <translation>Confirm payment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨</source>
        <translation>Ship</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺貨</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待出貨</source>
        <translation>Awaiting shipment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退訂申請</source>
        <translation>Request cancellation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>顧客申請取消</source>
        <translation>Customer requested cancellation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消申請不通過</source>
        <translation>Cancellation rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消完成</source>
        <translation>Cancellation completed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消申請結案</source>
        <extracomment>The request was closed without a refund (【結案】): the sale stands, the order goes back.</extracomment>
        <translation>Cancellation request closed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新訂單</source>
        <translation>New order</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>接單</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取貨</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未取件退回</source>
        <translation>Returned uncollected</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>通過</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不通過</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨完成</source>
        <translation>Return done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨失敗</source>
        <translation>Return failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款成功</source>
        <translation>Refund done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款失敗</source>
        <translation>Refund failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>部分退款</source>
        <extracomment>A refund of less than the outstanding amount, with a reason; the rest stays due.</extracomment>
        <translation>Partial refund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>註銷未退餘額</source>
        <extracomment>The outstanding part of a partly refunded request written off, with a reason.</extracomment>
        <translation>Write off the rest</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>更正退款帳戶</source>
        <extracomment>The payee account corrected (after a failed refund), old and new in the history.</extracomment>
        <translation>Correct refund account</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>結案（轉退款）</source>
        <extracomment>Supervisor&apos;s 【結案】 of a stuck return: on to the refund (goods not recovered) ...</extracomment>
        <translation>Close (on to refund)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>結案（不退款）</source>
        <extracomment>... or closed without a refund.</extracomment>
        <translation>Close (no refund)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提出取消申請</source>
        <translation>Cancellation requested</translation>
    </message>
    <message>
        <location filename="../../domain/invoice.py" line="+291"/>
        <source>開立發票</source>
        <translation>Record invoice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作廢發票</source>
        <translation>Void invoice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>開立折讓單</source>
        <translation>Issue allowance</translation>
    </message>
    <message>
        <location filename="../../domain/clerk_edits.py" line="+21"/>
        <source>新增備註</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改收件資訊</source>
        <translation>Correct delivery details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改取貨門市</source>
        <translation>Change pickup store</translation>
    </message>
    <message>
        <location filename="../../domain/remittance.py" line="+28"/>
        <source>代收款已撥款</source>
        <extracomment>The history&apos;s machine of a remittance record on an order.</extracomment>
        <translation>COD money remitted</translation>
    </message>
</context>
<context>
    <name>AllowanceDialog</name>
    <message>
        <location filename="../../dialogs/invoice_dialogs.py" line="+325"/>
        <source>開立折讓單 — {0}</source>
        <translation>Issue allowance — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>開立折讓單</source>
        <translation>Issue allowance</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <location filename="../../dialogs/review_dialogs.py" line="+202"/>
        <source>審核通過 — {0}</source>
        <extracomment>Asked only when the order&apos;s payment notice was never confirmed.</extracomment>
        <translation>Approve — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>客服編號</source>
        <translation>Customer-service no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：CS-0001</source>
        <translation>e.g. CS-0001</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>款項是否已入帳</source>
        <translation>Did the money arrive?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>請選擇</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已入帳：通過後退款</source>
        <translation>Arrived: refund after approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未入帳：不需退款</source>
        <translation>Did not arrive: no refund</translation>
    </message>
</context>
<context>
    <name>BackToAwaitingDialog</name>
    <message>
        <location filename="../../dialogs/confirm_dialogs.py" line="+111"/>
        <source>等待出貨 — {0}</source>
        <translation>Awaiting shipment — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>等待出貨</source>
        <translation>Awaiting shipment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>這筆訂單的商品已有存貨？確認後訂單會回到「等待出貨」。</source>
        <translation>Are this order&apos;s goods back in stock? Once confirmed, the order returns to “Awaiting shipment”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺貨原因</source>
        <translation>Out-of-stock reason</translation>
    </message>
</context>
<context>
    <name>BulkConfirmPaymentDialog</name>
    <message>
        <location filename="../../dialogs/bulk_dialogs.py" line="+154"/>
        <source>確認已收到以下 {0} 筆訂單的貨款？確認後訂單會移到「等待出貨」，實收金額記為付款通知的金額。</source>
        <translation>Confirm the payment of these {0} orders? They move to &quot;Awaiting shipment&quot;; the amount received is recorded as the payment notice&apos;s amount.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>通知金額</source>
        <translation>Notified amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核對</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>沒有付款通知</source>
        <translation>No payment notice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>短收 {0}</source>
        <translation>Short {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>溢收 {0}</source>
        <translation>Overpaid {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>相符</source>
        <translation>Matches</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} 筆訂單的通知金額少於訂單金額，請填寫短收原因（套用於這些訂單）。</source>
        <translation>{0} orders have a payment notice below the order total: enter the shortfall reason (it applies to those orders).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>短收原因</source>
        <translation>Shortfall reason</translation>
    </message>
</context>
<context>
    <name>BulkInvoiceDialog</name>
    <message>
        <location filename="../../dialogs/invoice_dialogs.py" line="-176"/>
        <source>開立發票 — {0} 筆訂單</source>
        <translation>Record invoices — {0} orders</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>開立發票</source>
        <translation>Record invoice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>為以下 {0} 筆訂單登錄二聯式發票，號碼從第一個號碼起連續編列：</source>
        <translation>Record B2C invoices for these {0} orders, numbered on from the first number:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第一個發票號碼</source>
        <translation>First invoice number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：AB12345678</source>
        <translation>e.g. AB12345678</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票日期</source>
        <translation>Invoice date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>載具</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>捐贈碼</source>
        <translation>Donation code</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>發票號碼</source>
        <translation>Invoice number</translation>
    </message>
</context>
<context>
    <name>BulkPreviewDialog</name>
    <message>
        <location filename="../../dialogs/bulk_dialogs.py" line="-102"/>
        <source>表中列出前 {0} 筆，另有 {1} 筆未列出。</source>
        <extracomment>The most orders a read-only preview lists (each is a row of items): a bulk action on a whole large tab (100,000 orders selected) opens at once, its count in the title.</extracomment>
        <translation>The first {0} are listed; {1} more are not.</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+38"/>
        <source>{action}（{n} 筆）</source>
        <translation>{action} ({n})</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>訂單日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>目前狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
</context>
<context>
    <name>BulkResultDialog</name>
    <message>
        <location line="+186"/>
        <source>成功 {ok} 筆，未完成 {failed} 筆。</source>
        <translation>{ok} done, {failed} not done.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>說明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>成功</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>BulkShipDialog</name>
    <message>
        <location line="-104"/>
        <source>出貨 — {0} 筆訂單</source>
        <translation>Ship — {0} orders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨（{0} 筆）</source>
        <translation>Ship ({0})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>以下 {0} 筆訂單將以同一個出貨日期出貨；請填寫每筆訂單的貨運單號。</source>
        <translation>The {0} orders below ship with the same ship date; enter each order&apos;s tracking no.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>出貨日期</source>
        <translation>Ship date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>物流業者（全部）</source>
        <translation>Carrier (all)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>例如：{0}</source>
        <translation>e.g. {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>送貨方式</source>
        <translation>Shipping method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>物流業者</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>貨運單號</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>出貨資訊</source>
        <translation>Shipping details</translation>
    </message>
</context>
<context>
    <name>CancellationActions</name>
    <message>
        <location filename="../../views/cancellation_actions.py" line="+92"/>
        <source>通過</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不通過</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退貨完成</source>
        <translation>Return done</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退貨失敗</source>
        <translation>Return failed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退款成功</source>
        <translation>Refund done</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退款失敗</source>
        <translation>Refund failed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>結案（主管）</source>
        <translation>Close (supervisor)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>更正退款帳戶</source>
        <translation>Correct refund account</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>註銷未退餘額</source>
        <translation>Write off the rest</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>訂單 {no}：{action}，訂單回到「{status}」。</source>
        <translation>Order {no}: {action}; the order is back to “{status}”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>訂單 {no}：{action}，申請已移至「{tab}」，訂單狀態為「{status}」。</source>
        <translation>Order {no}: {action}; the request moved to “{tab}” and the order is now “{status}”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>訂單 {no}：{action}，申請已移至「{tab}」。</source>
        <translation>Order {no}: {action}; the request moved to “{tab}”.</translation>
    </message>
    <message>
        <location filename="../../tour/cancellations.py" line="+93"/>
        <source>選取一筆申請，按【通過】或【不通過】。</source>
        <extracomment>The open requests whose order may still owe its invoice a void or an allowance.</extracomment>
        <translation>Select a request, then press Approve or Reject.</translation>
    </message>
    <message>
        <location filename="../../views/cancellation_invoice_actions.py" line="+25"/>
        <source>作廢發票</source>
        <extracomment>The tabs of approved requests: the invoice may be voided or allowed there.</extracomment>
        <translation>Void invoice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>開立折讓單</source>
        <translation>Issue allowance</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>訂單 {no}：{action}（發票 {invoice}）已登錄。</source>
        <translation>Order {no}: {action} (invoice {invoice}) recorded.</translation>
    </message>
</context>
<context>
    <name>CancellationDetailDialog</name>
    <message>
        <location filename="../../views/cancellation_detail.py" line="+248"/>
        <source>檢視取消訂單資訊 — {0}</source>
        <translation>Cancellation details — {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>【新增備註】</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>檢視取消訂單資訊</source>
        <translation>Cancellation details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到這筆取消申請。</source>
        <translation>This cancellation request could not be found.</translation>
    </message>
</context>
<context>
    <name>CancellationDetailView</name>
    <message>
        <location line="-208"/>
        <source>購物資訊</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>取消申請</source>
        <translation>Cancellation request</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>審核狀況</source>
        <translation>Review</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>找不到這筆訂單。</source>
        <translation>This order could not be found.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>顧客</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>管理人員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請日期</source>
        <translation>Request date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消原因</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請時訂單狀態</source>
        <translation>Order status when requested</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款狀態</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已付款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未付款</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨狀態</source>
        <translation>Shipment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已出貨</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未出貨</source>
        <translation>Not shipped</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+93"/>
        <source>應退金額</source>
        <translation>Refund due</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>匯款資訊</source>
        <translation>Refund bank details</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>銀行代碼</source>
        <translation>Bank code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分行</source>
        <translation>Branch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帳號</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>戶名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>信用卡付款以刷退退款，不需退款帳戶。</source>
        <translation>Card payments are refunded by reversal: no refund account is needed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未付款，不需退款帳戶。</source>
        <translation>Not paid, so no refund account is needed.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>通過</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不通過</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>等待審核</source>
        <translation>Pending review</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>主管結案，不退款</source>
        <translation>Closed by a supervisor, no refund</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>不需退貨（未出貨）</source>
        <translation>No return needed (not shipped)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不通過，不需退貨</source>
        <translation>Rejected; no return needed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待退貨</source>
        <translation>Awaiting return</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退貨失敗</source>
        <translation>Return failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨完成</source>
        <translation>Return done</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>不需退款（未付款）</source>
        <translation>No refund needed (not paid)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不通過，不需退款</source>
        <translation>Rejected; no refund needed</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>退貨完成後退款</source>
        <translation>Refund after the return is done</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>尚未退款</source>
        <translation>Refund pending</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退款失敗</source>
        <translation>Refund failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款成功</source>
        <translation>Refund done</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>審核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>處理狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>審核結果</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客服編號</source>
        <translation>Customer-service no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>審核人員</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>審核時間</source>
        <translation>Reviewed at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不通過原因</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>是否需要退貨</source>
        <translation>Return needed?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>是否需要退款</source>
        <translation>Refund needed?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>結案時間</source>
        <translation>Closed at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>結案原因</source>
        <translation>Closing reason</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>發票</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>退貨</source>
        <translation>Return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨結果</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>是否退回發票</source>
        <translation>Invoice returned?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回商品是否完好</source>
        <translation>Returned goods intact?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨完成時間</source>
        <translation>Returned at</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退貨失敗原因</source>
        <translation>Why the return failed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款結果</source>
        <translation>Refund result</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退款方式</source>
        <translation>Refund channel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已退金額</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未退金額</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>註銷金額</source>
        <translation>Written off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>註銷原因</source>
        <translation>Write-off reason</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>部分退款原因</source>
        <translation>Partial refund reason</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>匯款日期</source>
        <translation>Remittance date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>刷退日期</source>
        <translation>Reversal date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯款金額</source>
        <translation>Remittance amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>刷退金額</source>
        <translation>Reversal amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯款編號</source>
        <translation>Remittance ref.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>授權碼／交易序號</source>
        <translation>Authorisation / transaction no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款失敗原因</source>
        <translation>Why the refund failed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>處理歷程</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>動作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原狀態</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新狀態</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作人員</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>內容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>（同上）</source>
        <translation>(as above)</translation>
    </message>
</context>
<context>
    <name>CancellationDialogs</name>
    <message>
        <location filename="../../dialogs/review_dialogs.py" line="-61"/>
        <source>確定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../dialogs/refund_dialogs.py" line="+72"/>
        <source>匯款日期</source>
        <translation>Remittance date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯款金額</source>
        <translation>Remittance amount</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>最多 {0}</source>
        <translation>At most {0}</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>匯款編號</source>
        <translation>Remittance ref.</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>刷退日期</source>
        <extracomment>Required when ``amount`` is less than what is owed (a partial refund). The void or allowance of the order&apos;s invoice recorded with the step (None: later).</extracomment>
        <translation>Reversal date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷退金額</source>
        <translation>Reversal amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授權碼／交易序號</source>
        <translation>Authorisation / transaction no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金流商的刷退交易序號或授權碼</source>
        <translation>The gateway&apos;s reversal transaction or authorisation number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>銀行交易序號或匯款單號</source>
        <translation>Bank transaction or remittance number</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>上次退款失敗：{day} {amount}，編號 {reference}。原因：{reason}</source>
        <translation>Last refund failed: {day} {amount}, reference {reference}. Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../dialogs/review_dialogs.py" line="-93"/>
        <source>按【確定】後，這筆申請仍在「{tab}」。</source>
        <translation>After OK, this request stays in &quot;{tab}&quot;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按【確定】後，這筆申請不通過，訂單回到「{status}」。</source>
        <translation>Press OK to reject this request; the order returns to “{status}”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按【確定】後，這筆申請結案不退款，訂單回到「{status}」。</source>
        <translation>After OK, this request is closed without a refund and the order goes back to &quot;{status}&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按【確定】後，這筆申請移至「{tab}」，訂單狀態改為「已取消」。</source>
        <translation>Press OK to move this request to “{tab}” and set the order to “Cancelled”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按【確定】後，這筆申請移至「{tab}」。</source>
        <translation>Press OK to move this request to “{tab}”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消原因</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已付款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未付款</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已出貨</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未出貨</source>
        <translation>Not shipped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款／出貨</source>
        <translation>Payment / shipment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>應退金額</source>
        <translation>Refund due</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已退／未退</source>
        <translation>Refunded / outstanding</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退款方式</source>
        <translation>Refund channel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{bank} {branch}，帳號 {account}，戶名 {name}</source>
        <translation>{bank} {branch}, account {account}, name {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>匯款帳戶</source>
        <translation>Refund account</translation>
    </message>
</context>
<context>
    <name>CancellationRequestDialog</name>
    <message>
        <location filename="../../dialogs/cancellation_request_dialog.py" line="+33"/>
        <source>退訂申請 — {0}</source>
        <translation>Request cancellation — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退訂申請</source>
        <translation>Request cancellation</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>訂單 {no}（{buyer}），訂單金額 {total}</source>
        <translation>Order {no} ({buyer}), total {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+47"/>
        <source>打開明細</source>
        <translation>Show details</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>退訂原因</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>缺貨原因：{0}</source>
        <translation>Out-of-stock reason: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;退款匯款資料&lt;/b&gt;（已付款，必填）</source>
        <translation>&lt;b&gt;Refund bank details&lt;/b&gt; (paid: required)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;退款匯款資料&lt;/b&gt;（未付款，免填）</source>
        <translation>&lt;b&gt;Refund bank details&lt;/b&gt; (unpaid: not needed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>銀行代碼</source>
        <translation>Bank code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>三位數字，例如：812</source>
        <translation>3 digits, e.g. 812</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分行</source>
        <translation>Branch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>帳號</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>6 到 16 位數字</source>
        <translation>6 to 16 digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>戶名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>關閉明細</source>
        <translation>Hide details</translation>
    </message>
</context>
<context>
    <name>CancellationsPage</name>
    <message>
        <location filename="../../views/cancellations_page.py" line="+115"/>
        <source>訂單編號、訂購人、電話或取消原因</source>
        <translation>Order no., buyer, phone or cancellation reason</translation>
    </message>
</context>
<context>
    <name>CarrierDialog</name>
    <message>
        <location filename="../../dialogs/carrier_dialog.py" line="+20"/>
        <source>修改物流業者</source>
        <translation>Edit carrier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增物流業者</source>
        <translation>Add carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：黑貓宅急便</source>
        <translation>e.g. T-Cat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>例如：每天下午四點收件。</source>
        <translation>e.g. Collects at 4 p.m. every day.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>貨運單號的位置寫成 {tracking_no}；留空表示沒有查件網頁。</source>
        <translation>Write {tracking_no} where the tracking number goes; leave empty when there is no tracking page.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名稱</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查件網址</source>
        <translation>Tracking page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>CarriersPage</name>
    <message>
        <location filename="../../views/methods_page.py" line="+544"/>
        <source>物流業者</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增物流業者</source>
        <translation>Add carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名稱</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已新增物流業者：{title}。</source>
        <translation>Carrier added: {title}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已修改物流業者：{title}。已出貨的訂單保留原本的物流業者名稱。</source>
        <translation>Carrier changed: {title}. Shipped orders keep the carrier name they had.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刪除物流業者</source>
        <translation>Delete carriers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確定要刪除下列 {count} 個物流業者？</source>
        <translation>Delete these {count} carriers?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已出貨的訂單保留原本的物流業者名稱。</source>
        <translation>Shipped orders keep the carrier name they had.</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <location filename="../../domain/statuses.py" line="+8"/>
        <source>匯款退款</source>
        <translation>Remittance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷退</source>
        <translation>Card reversal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>貨到付款（匯款退款）</source>
        <translation>Cash on delivery (remittance)</translation>
    </message>
</context>
<context>
    <name>ClerkEdits</name>
    <message>
        <location filename="../../views/clerk_edit_actions.py" line="+21"/>
        <source>新增備註</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改收件資訊</source>
        <translation>Correct delivery details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改取貨門市</source>
        <translation>Change pickup store</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../dialogs/settle_dialogs.py" line="+41"/>
        <source>結案（主管）— {0}</source>
        <translation>Close (supervisor) — {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商品未能退回時由主管結案：轉入退款（不等商品退回），或結案不退款（訂單回到原狀態）。</source>
        <translation>When the goods cannot be recovered a supervisor closes the request: on to the refund (without the goods), or closed without a refund (the order goes back to its status).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>結案方式</source>
        <translation>How to close</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>轉入退款（移至「{0}」）</source>
        <translation>On to the refund (moves to &quot;{0}&quot;)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消完成（未付款，不需退款）</source>
        <translation>Cancellation completed (not paid, no refund)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>結案不退款</source>
        <translation>Close without a refund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>結案原因</source>
        <translation>Closing reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：顧客逾期未寄回商品，經主管核定</source>
        <translation>e.g. the customer did not send the goods back in time; approved by a supervisor</translation>
    </message>
</context>
<context>
    <name>CloseMonthDialog</name>
    <message>
        <location filename="../../dialogs/close_month_dialog.py" line="+32"/>
        <source>結帳／重新開啟月份</source>
        <translation>Close or reopen a month</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+25"/>
        <source>結帳</source>
        <translation>Close month</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>結帳後，這個月份的帳務明細固定不變，再匯出也是同樣的內容；日期落在這個月份的付款通知、確認收款、出貨、退款、發票、作廢與折讓都會被拒絕。要補登，請先重新開啟（會記錄原因）。</source>
        <translation>Once closed, the month&apos;s ledger is frozen and exports the same every time; a payment notice, confirmation, shipment, refund, invoice, void or allowance dated in the month is refused. To add a late entry, reopen the month first (the reason is recorded).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已結帳：{0}</source>
        <translation>closed: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未結帳</source>
        <translation>open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重新開啟原因</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>重新開啟</source>
        <translation>Reopen</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../views/cancellations_page.py" line="-88"/>
        <source>顧客</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>管理人員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已付款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未付款</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已出貨</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未出貨</source>
        <translation>Not shipped</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../views/order_columns.py" line="+24"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申請日期</source>
        <translation>Request date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消原因</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款狀態</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨狀態</source>
        <translation>Shipment</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../views/order_columns.py" line="+9"/>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>應退金額</source>
        <translation>Refund due</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>處理狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已退金額</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未退金額</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../../views/orders_page.py" line="+96"/>
        <source>{0} 天</source>
        <translation>{0} d</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已逾期 {0} 天</source>
        <translation>Overdue by {0} d</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+23"/>
        <source>即將到期（剩 {0} 天）</source>
        <translation>Due soon ({0} d left)</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>剩 {0} 天</source>
        <translation>{0} d left</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>消保法 §19-2：退貨（或核准取消）後 15 日內退款</source>
        <translation>Consumer Protection Act §19-2: refund within 15 days of the return (or of the approval)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待退天數</source>
        <translation>Days waiting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退款期限</source>
        <translation>Refund deadline</translation>
    </message>
    <message>
        <location filename="../../views/order_columns.py" line="-7"/>
        <source>訂單日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>目前狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出貨日期</source>
        <translation>Ship date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>商店名稱</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>取貨門市</source>
        <translation>Pickup store</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>貨運單號</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>備註</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../views/orders_page.py" line="+10"/>
        <source>等待天數</source>
        <translation>Days waiting</translation>
    </message>
</context>
<context>
    <name>ConfirmPaymentDialog</name>
    <message>
        <location filename="../../dialogs/confirm_dialogs.py" line="-65"/>
        <source>確認付款 — {0}</source>
        <translation>Confirm payment — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>確認付款</source>
        <translation>Confirm payment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>確認已收到這筆訂單的貨款？確認後訂單會移到「等待出貨」。</source>
        <translation>Confirm that payment for this order has been received? The order then moves to “Awaiting shipment”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;付款通知&lt;/b&gt;</source>
        <translation>&lt;b&gt;Payment notice&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>這筆訂單沒有付款通知。</source>
        <translation>This order has no payment notice.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>轉帳日期</source>
        <translation>Transfer date</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帳號末五碼</source>
        <translation>Account last 5 digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>備註</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登錄人員</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>注意：通知金額 {paid} 與訂單金額 {total} 不符。</source>
        <translation>Note: the notified amount {paid} does not match the order total {total}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>確認後，實收金額記為 {paid}（日後退款以此為上限）。</source>
        <translation>The amount received will be recorded as {paid} (any later refund is capped at it).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>短收原因</source>
        <translation>Shortfall reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：顧客少匯，已聯絡補款</source>
        <translation>e.g. the customer paid short; asked to pay the rest</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../dialogs/connection_dialog.py" line="+31"/>
        <source>資料庫連線</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>連線</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>這台電腦上的檔案（SQLite，一位店員）</source>
        <translation>A file on this computer (SQLite, one clerk)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL 伺服器（多位店員共用）</source>
        <translation>PostgreSQL server (shared by several clerks)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MariaDB / MySQL 伺服器（多位店員共用）</source>
        <translation>MariaDB / MySQL server (shared by several clerks)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>資料庫種類</source>
        <translation>Database type</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>瀏覽…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+40"/>
        <source>資料庫檔案</source>
        <translation>Database file</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>伺服器位址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>連接埠</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>資料庫名稱</source>
        <translation>Database name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帳號</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>密碼</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（預設）</source>
        <translation>(default)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS 加密（sslmode）</source>
        <translation>TLS encryption (sslmode)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>測試連線</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>這個設定只存在這台電腦上。變更後 OrderDesk 會重新開啟資料。</source>
        <translation>This setting is kept on this computer only. After a change, OrderDesk reopens the data.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>SQLite 資料庫 (*.db)</source>
        <translation>SQLite database (*.db)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>連線失敗：{0}</source>
        <translation>Connection failed: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>連線成功：{0}</source>
        <translation>Connected: {0}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>無法把密碼存入系統的鑰匙圈（{0}）。這次用它連線，但不會記住；下次開啟時會再詢問。</source>
        <translation>The password could not be stored in the system keychain ({0}). It is used for this connection but not remembered; you will be asked for it next time.</translation>
    </message>
</context>
<context>
    <name>CorrectAccountDialog</name>
    <message>
        <location filename="../../dialogs/settle_dialogs.py" line="+20"/>
        <source>更正退款帳戶 — {0}</source>
        <translation>Correct refund account — {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上次退款失敗原因：{0}</source>
        <translation>Why the last refund failed: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>銀行代碼</source>
        <translation>Bank code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>分行</source>
        <translation>Branch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帳號</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>戶名</source>
        <translation>Account name</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <location filename="../../dialogs/clerk_edit_dialogs.py" line="+50"/>
        <source>修改收件資訊 — {0}</source>
        <translation>Correct delivery details — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>儲存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨前可以更正收件資訊；每項變更的舊值與新值都會記在訂單歷程。</source>
        <translation>Delivery details can be corrected until the order ships; each change&apos;s old and new values are kept in the order&apos;s history.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨地址</source>
        <translation>Delivery address</translation>
    </message>
</context>
<context>
    <name>ErrorHook</name>
    <message>
        <location filename="../../views/error_hook.py" line="+28"/>
        <source>連線中斷</source>
        <translation>Connection lost</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>與資料庫的連線中斷，這個動作沒有完成，也沒有儲存任何變更。OrderDesk 會自動重新連線；連上後請再試一次。</source>
        <translation>The connection to the database was lost. This action did not finish and nothing was saved. OrderDesk reconnects by itself; try again once it is connected.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>發生錯誤</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>這個動作沒有完成：{0}</source>
        <translation>This action did not finish: {0}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../domain/errors.py" line="+32"/>
        <source>目前狀態為「{status}」，不能執行「{action}」。</source>
        <translation>“{action}” is not possible while the status is “{status}”.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>付款方式「{number}」已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。</source>
        <translation>The payment method “{number}” was changed by {who} at {when}, so nothing was saved. Check the updated details and try again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>送貨方式「{number}」已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。</source>
        <translation>The shipping method “{number}” was changed by {who} at {when}, so nothing was saved. Check the updated details and try again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>訂單 {number} 的取消申請已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。</source>
        <translation>The cancellation request for order {number} was changed by {who} at {when}, so nothing was saved. Check the updated details and try again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>訂單 {number} 已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。</source>
        <translation>Order {number} was changed by {who} at {when}, so nothing was saved. Check the updated details and try again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>資料庫拒絕了這個操作：您登入的帳號沒有權限（需要主管權限）。沒有儲存任何變更。</source>
        <translation>The database refused this: your login may not do it (it needs a supervisor). Nothing was saved.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>資料庫忙碌中（與其他人的操作衝突），重試幾次仍未完成。這次操作沒有儲存，請稍後再試一次。</source>
        <extracomment>SQLite: another connection (an import, another window) held the file&apos;s write lock for the whole busy timeout; nothing was saved.</extracomment>
        <translation>The database is busy (this clashed with others&apos; work) and several retries did not get through. Nothing was saved; please try again in a moment.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>資料庫檔案正被另一個操作（例如匯入，或另一個視窗正在儲存）佔用，等候逾時。這次操作沒有儲存，請稍後再試一次。</source>
        <translation>The database file is held by another operation (an import, or another window saving) and the wait timed out. Nothing was saved; please try again in a moment.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>儲存時與資料庫伺服器的連線中斷，重新連線後仍無法確認這次操作是否已儲存。這個操作帶有識別碼，再試一次不會重複儲存。</source>
        <translation>The connection to the database server dropped while saving, and after reconnecting it still could not be confirmed whether this was saved. The action carries an identifier: trying again will not save it twice.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>儲存時與資料庫伺服器的連線中斷，無法確定這次操作是否已儲存。請重新整理，確認資料後再決定是否重做。</source>
        <translation>The connection to the database server dropped while saving, so it is not known whether this was saved. Refresh and check before doing it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>無法連線到資料庫伺服器（連線中斷，重新連線也失敗）。這次操作沒有儲存。請確認網路與伺服器正常後再試一次。</source>
        <translation>Cannot reach the database server (the connection dropped and reconnecting failed). Nothing was saved. Check the network and the server, then try again.</translation>
    </message>
    <message>
        <location filename="../../dialogs/bulk_dialogs.py" line="-50"/>
        <location filename="../../domain/inputs.py" line="+22"/>
        <location line="+123"/>
        <location filename="../../domain/invoice.py" line="-236"/>
        <location line="+25"/>
        <location line="+18"/>
        <location line="+104"/>
        <location line="+43"/>
        <location line="+20"/>
        <location filename="../../services/import_cells.py" line="+287"/>
        <location filename="../../services/methods.py" line="+56"/>
        <source>此欄位必填。</source>
        <extracomment>Invoice kinds: B2C (二聯式, the buyer is a person) and B2B (三聯式, a company with its 統一編號). Where a B2C invoice goes: a mobile barcode (手機條碼), a citizen digital certificate (自然人憑證), a donation code (捐贈碼) or printed on paper. What a cancelled sale&apos;s invoice needs.</extracomment>
        <translation>This field is required.</translation>
    </message>
    <message>
        <location filename="../../dialogs/payment_notice_dialog.py" line="+64"/>
        <location filename="../../domain/inputs.py" line="-97"/>
        <source>轉帳日期不能早於訂單日期。</source>
        <translation>The transfer date cannot be before the order date.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../domain/inputs.py" line="+1"/>
        <source>轉帳日期不能晚於今天。</source>
        <translation>The transfer date cannot be after today.</translation>
    </message>
    <message>
        <location filename="../../domain/inputs.py" line="+125"/>
        <source>匯款日期不能晚於今天。</source>
        <translation>The remittance date cannot be after today.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>匯款日期不能早於申請日期。</source>
        <translation>The remittance date cannot be before the request date.</translation>
    </message>
    <message>
        <location filename="../../dialogs/refund_dialogs.py" line="+23"/>
        <location filename="../../domain/bounds.py" line="+48"/>
        <location filename="../../domain/invoice.py" line="-100"/>
        <location filename="../../services/cancellations.py" line="+197"/>
        <source>金額必須大於零。</source>
        <translation>The amount must be more than zero.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../services/cancellations.py" line="+3"/>
        <source>退款金額不能超過尚未退還的已收金額 NT${paid:,}。</source>
        <translation>The refund cannot exceed what is still owed of the money received, NT${paid:,}.</translation>
    </message>
    <message>
        <location filename="../../domain/inputs.py" line="-119"/>
        <source>帳號末五碼必須是五位數字。</source>
        <translation>Enter exactly five digits for the account&apos;s last 5 digits.</translation>
    </message>
    <message>
        <location filename="../../dialogs/ship_dialog.py" line="+49"/>
        <location filename="../../domain/inputs.py" line="+18"/>
        <source>出貨日期不能早於訂單日期。</source>
        <translation>The ship date cannot be before the order date.</translation>
    </message>
    <message>
        <location filename="../../dialogs/bulk_dialogs.py" line="+65"/>
        <location filename="../../dialogs/ship_dialog.py" line="+1"/>
        <location filename="../../domain/inputs.py" line="+1"/>
        <source>出貨日期不能晚於今天。</source>
        <translation>The ship date cannot be after today.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>出貨日期不能早於訂單 {no} 的訂單日期 {day}。</source>
        <translation>The ship date cannot be before the order date of order {no}, {day}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>訂單 {no}：請填寫物流業者。</source>
        <translation>Order {no}: enter the carrier.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單 {no}：請填寫貨運單號。</source>
        <translation>Order {no}: enter the tracking no.</translation>
    </message>
    <message>
        <location filename="../../domain/inputs.py" line="+21"/>
        <source>銀行代碼必須是三位數字。</source>
        <translation>The bank code must be 3 digits.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>帳號必須是 6 到 16 位數字。</source>
        <translation>The account number must be 6 to 16 digits.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已付款的訂單必須填寫退款匯款資料。</source>
        <translation>A paid order needs the bank details for the refund.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>取貨日期不能晚於今天。</source>
        <translation>The pickup date cannot be after today.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>取貨日期不能早於出貨日期。</source>
        <translation>The pickup date cannot be before the ship date.</translation>
    </message>
    <message>
        <location filename="../../domain/money.py" line="+27"/>
        <source>請填寫金額。</source>
        <translation>Enter an amount.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <location line="+2"/>
        <location line="+13"/>
        <location filename="../../services/invoices.py" line="+502"/>
        <source>金額必須是數字。</source>
        <translation>The amount must be a number.</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>金額必須是整數元，不能有小數。</source>
        <translation>The amount must be in whole dollars, without decimals.</translation>
    </message>
    <message>
        <location filename="../../domain/bounds.py" line="+1"/>
        <location filename="../../domain/money.py" line="-5"/>
        <location line="+10"/>
        <source>金額不能是負數。</source>
        <translation>The amount cannot be negative.</translation>
    </message>
    <message>
        <location filename="../../domain/inputs.py" line="-29"/>
        <source>請選擇是或否。</source>
        <translation>Choose Yes or No.</translation>
    </message>
    <message>
        <location filename="../../services/common.py" line="+59"/>
        <location filename="../../services/shop_clock.py" line="+65"/>
        <source>請先設定操作人員姓名。</source>
        <extracomment>The zone each open connection read (a connection&apos;s ``Database`` object is its key).</extracomment>
        <translation>Set the clerk&apos;s name first.</translation>
    </message>
    <message>
        <location line="+22"/>
        <location filename="../../services/remittances.py" line="+98"/>
        <source>找不到訂單 {id}。</source>
        <translation>Order {id} not found.</translation>
    </message>
    <message>
        <location filename="../../services/keys.py" line="+46"/>
        <source>操作識別碼不能是空白。</source>
        <extracomment>The key the next history record written in this context carries (``idempotent``): a one-item list, emptied by the first record that takes it. A clerk&apos;s action (``Runner``) in progress: its key, taken by the first idempotent service it calls without a key of its own (``action_key``). How often ``idempotent`` runs an action whose COMMIT&apos;s outcome was unknown and, looked up by its key, was not saved.</extracomment>
        <translation>The operation key cannot be blank.</translation>
    </message>
    <message>
        <location filename="../../services/clerk_edits.py" line="+55"/>
        <location filename="../../services/common.py" line="+6"/>
        <location filename="../../services/invoices.py" line="-214"/>
        <location filename="../../views/cancellation_actions.py" line="-19"/>
        <source>找不到取消申請 {id}。</source>
        <translation>Cancellation request {id} not found.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>訂單 {no} 不是超商取貨，沒有取貨門市。</source>
        <translation>Order {no} is not a store pickup: it has no pickup store.</translation>
    </message>
    <message>
        <location filename="../../domain/bounds.py" line="+17"/>
        <source>訂單至少要有一項商品。</source>
        <translation>An order needs at least one item.</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>金額不能超過 NT${max}。</source>
        <extracomment>The largest quantity of one order line. The most lines one order holds. A web shop&apos;s order has a few; a file whose one order held some 14,000 lines of long names made a record beyond MariaDB&apos;s packet (16 MB), refused with the connection dropped — told to the clerk as the network&apos;s fault. The longest free text one field of an action takes (a note, a reason, a reference), in characters. The history keeps an action&apos;s input as one text, which MariaDB&apos;s TEXT holds to 65,535 bytes: a 25,000-character reason (an Excel cell holds 32,767) failed there with the driver&apos;s &quot;Data too long&quot;, where SQLite and PostgreSQL took it.</extracomment>
        <translation>The amount cannot be more than NT${max}.</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../services/import_cells.py" line="-12"/>
        <location line="+5"/>
        <source>數量必須是正整數。</source>
        <translation>The quantity must be a whole number above zero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../services/import_cells.py" line="-3"/>
        <source>數量不能超過 {max}。</source>
        <translation>The quantity cannot be more than {max}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>一筆訂單最多 {max} 項商品。</source>
        <translation>An order holds at most {max} items.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>含有無法儲存的 NUL 字元（第 {pos} 個字），請刪除後再試。</source>
        <translation>Contains a NUL character (character {pos}), which cannot be stored; remove it and try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>含有無法儲存的字元（第 {pos} 個字是不成對的 Unicode 代理字元），請刪除後再試。</source>
        <translation>Contains a character that cannot be stored (character {pos} is an unpaired Unicode surrogate); remove it and try again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>最多 {max} 個字（這一欄的長度上限），這裡有 {n} 個字。</source>
        <translation>At most {max} characters (this field&apos;s limit); this has {n}.</translation>
    </message>
    <message>
        <location filename="../../services/orders.py" line="+199"/>
        <source>訂單參考編號不能是空白。</source>
        <extracomment>Each plain action&apos;s checks: ``shape(value)`` before any lock (the input alone), and ``check(order, value, today=, refuse=)`` against the order (``_step``); None for none.</extracomment>
        <translation>The order reference cannot be blank.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>訂單日期不能晚於今天。</source>
        <translation>The order date cannot be after today.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>單價必須是整數元。</source>
        <translation>The unit price must be in whole dollars.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>單價不能是負數。</source>
        <translation>The unit price cannot be negative.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>找不到商店。</source>
        <translation>Store not found.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>付款方式不存在或已封存。</source>
        <translation>The payment method does not exist or is archived.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>送貨方式不存在或已封存。</source>
        <translation>The shipping method does not exist or is archived.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>訂單編號 {no} 已存在。</source>
        <extracomment>How far ahead of this desk&apos;s clock a storefront&apos;s may run: an order it dates just after the shop&apos;s midnight is taken a few minutes before it. How often ``place_order`` takes another number when the one it took is already used (an order imported or placed under its own number in the day&apos;s range): bounded, then ``OrderNumberError``.</extracomment>
        <translation>Order no. {no} already exists.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>無法取得新的訂單編號（試了 {n} 次都已被使用），這筆訂單沒有儲存。請再試一次。</source>
        <translation>No new order number could be taken (all {n} tried were in use), so the order was not saved. Please try again.</translation>
    </message>
    <message>
        <location line="+309"/>
        <source>已取消，這筆訂單沒有變更。</source>
        <extracomment>Orders per write transaction of ``bulk_action``: each chunk is one short transaction. The actions ``bulk_action`` takes (the order actions with a bulk form, and 缺貨). What ``bulk_action`` reads of each order: what ``_step`` and a ``StaleError`` need. The columns read as the driver gives them that the checks need as dates and times.</extracomment>
        <translation>Cancelled: this order was not changed.</translation>
    </message>
    <message>
        <location filename="../../services/methods.py" line="+3"/>
        <source>標題不能超過 {max} 個字。</source>
        <translation>The title cannot be longer than {max} characters.</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+131"/>
        <source>已有名為「{title}」的付款方式，請換一個標題。</source>
        <extracomment>How its money is refunded (``RefundChannel``): card → reversal, else remittance. An edit sets it too (修改付款方式 shows the method&apos;s own).</extracomment>
        <translation>A payment method named “{title}” already exists; choose another title.</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>請選擇退款方式。</source>
        <translation>Choose the refund channel.</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+111"/>
        <source>已有名為「{title}」的送貨方式，請換一個標題。</source>
        <extracomment>Convenience-store pickup at this chain (``app.domain.pickup.PickupChain``), &quot;&quot; for delivery to an address.</extracomment>
        <translation>A shipping method named “{title}” already exists; choose another title.</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>請選擇超商。</source>
        <translation>Choose the convenience store chain.</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+98"/>
        <source>已有名為「{title}」的物流業者，請換一個名稱。</source>
        <translation>A carrier named “{title}” already exists; choose another name.</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>查件網址要以 https:// 開頭，並含有 {{tracking_no}}（貨運單號的位置）。</source>
        <translation>The tracking page must start with https:// and contain {{tracking_no}} (where the number goes).</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>找不到付款方式 {id}。</source>
        <translation>Payment method {id} not found.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>找不到送貨方式 {id}。</source>
        <translation>Shipping method {id} not found.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>找不到物流業者 {id}。</source>
        <translation>Carrier {id} not found.</translation>
    </message>
    <message>
        <location filename="../../models/db.py" line="+192"/>
        <source>資料庫檔案 {path} 在網路磁碟上（{where}）。SQLite 的檔案鎖在網路檔案系統上不可靠，多人同時使用會損壞資料，所以 OrderDesk 不開啟它。一個人使用：把檔案放在這台電腦的磁碟上。多位店員共用：請改用一台 PostgreSQL 或 MariaDB 伺服器（--db postgresql://… 或 --db mysql://…）。</source>
        <extracomment>MariaDB&apos;s error numbers for a connection that is gone: pymysql&apos;s dead connection (0), server shutdown (1053), connection killed (1927), cannot connect (2003), gone away (2006), lost (2013), commands out of sync (2014), write failed (2055), client idle timeout (4031). MariaDB&apos;s deadlock (1213) and lock wait timeout (1205): the transaction was rolled back. PostgreSQL&apos;s deadlock_detected, serialization_failure, lock_not_available. PostgreSQL&apos;s admin_shutdown, crash_shutdown, cannot_connect_now (class 08: connection). How often ``survives_server`` runs a transaction before giving up, and the first pause. SQLite&apos;s words for a lock it waited for the whole busy timeout (SQLITE_BUSY, SQLITE_LOCKED). Statements safe to send again on a new connection: they change nothing. File systems whose locks SQLite cannot rely on (Linux /proc/mounts and macOS ``mount`` names; fuse.gvfsd-fuse is a share opened in the GNOME file manager, 9p also WSL 2&apos;s /mnt/c).</extracomment>
        <translation>The database file {path} is on a network drive ({where}). SQLite&apos;s file locks are not reliable on network file systems, and several people using it at once would corrupt the data, so OrderDesk will not open it. For one person: keep the file on this computer&apos;s disk. For several clerks: use a PostgreSQL or MariaDB server instead (--db postgresql://… or --db mysql://…).</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>資料庫檔案 {path} 在雲端同步資料夾中（{where}）。同步程式會在 OrderDesk 寫入時分別複製資料庫與它的日誌檔，兩台電腦同時開啟還會產生「衝突複本」，資料會分裂或損壞，所以 OrderDesk 不開啟它。一個人使用：把檔案放在不同步的資料夾（例如預設位置）；多位店員共用：請改用一台 PostgreSQL 或 MariaDB 伺服器（--db postgresql://… 或 --db mysql://…）。備份請用匯出，而不是同步資料庫檔案。</source>
        <translation>The database file {path} is in a cloud-sync folder ({where}). The sync program copies the database and its journal separately while OrderDesk writes them, and two computers opening it make “conflicted copies”: the data would be split or corrupted, so OrderDesk will not open it. For one person: keep the file in a folder that is not synced (the default place, for one). For several clerks: use a PostgreSQL or MariaDB server instead (--db postgresql://… or --db mysql://…). For backups, export; do not sync the database file.</translation>
    </message>
    <message>
        <location filename="../../services/connection.py" line="+30"/>
        <source>請選擇資料庫檔案。</source>
        <translation>Choose a database file.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>請填寫伺服器位址。</source>
        <translation>Enter the server address.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>請填寫資料庫名稱。</source>
        <translation>Enter the database name.</translation>
    </message>
    <message>
        <location filename="../../domain/clock.py" line="+35"/>
        <source>沒有「{zone}」這個時區，請用 IANA 名稱，例如 Asia/Taipei。</source>
        <extracomment>The days a date the shop is asked about may take (a filter, a period, a file&apos;s date): within them the start of the day after, and either turned into UTC in any zone, exist (0001-01-01 or 9999-12-31 overflowed Python&apos;s dates).</extracomment>
        <translation>There is no time zone “{zone}”. Use an IANA name such as Asia/Taipei.</translation>
    </message>
    <message>
        <location filename="../../dialogs/review_dialogs.py" line="+131"/>
        <source>付款通知尚未確認，請先查明款項是否已入帳。</source>
        <translation>The payment notice was never confirmed: check whether the money arrived.</translation>
    </message>
    <message>
        <location filename="../../dialogs/settle_dialogs.py" line="-24"/>
        <source>請選擇結案方式。</source>
        <translation>Choose how to close.</translation>
    </message>
    <message>
        <location filename="../../services/cancellations.py" line="+61"/>
        <source>只有部分退款之後才能註銷未退餘額；尚未退款的申請請先退款。</source>
        <translation>Only the rest of a partial refund can be written off; refund a request that has had no refund first.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>信用卡刷退不需要退款帳戶。</source>
        <translation>A card reversal needs no refund account.</translation>
    </message>
    <message>
        <location filename="../../services/writes.py" line="+310"/>
        <source>送貨方式「{method}」是超商取貨，請填寫取貨門市。</source>
        <extracomment>Who files a cancellation request: the customer (storefront, import) or a clerk (退訂申請). The columns of a history record after its order and request ids (``Step.history``). An order item&apos;s columns after its order id (``Placed.items``). A payment notice&apos;s columns after its order id (``Step.notice``). The pickup store of a convenience-store pickup method (``app.domain.pickup``). The amount of the order&apos;s latest payment notice (CONFIRM_PAYMENT records it). The money received: the amount a clerk confirmed (None until confirmed). How the order&apos;s payment method refunds (``RefundChannel``). Cash on delivery: the carrier collects the money (the order&apos;s ``collect_on_delivery``). What was refunded so far (partial refunds included).</extracomment>
        <translation>Shipping method “{method}” is a store pickup: give the pickup store.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>付款通知金額 NT${amount:,} 少於訂單金額 NT${total:,}，確認前請填寫短收原因。</source>
        <translation>The payment notice (NT${amount:,}) is below the order total (NT${total:,}): enter the shortfall reason before confirming.</translation>
    </message>
    <message>
        <location line="+273"/>
        <source>收件資訊沒有變更。</source>
        <extracomment>An invoice&apos;s columns after its order id (``InvoiceRows.row``).</extracomment>
        <translation>The delivery details were not changed.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>取貨門市沒有變更。</source>
        <translation>The pickup store did not change.</translation>
    </message>
    <message>
        <location filename="../../dialogs/invoice_dialogs.py" line="+9"/>
        <source>發票號碼不夠連續編列這些訂單。</source>
        <translation>The invoice numbers run out before these orders do.</translation>
    </message>
    <message>
        <location line="+251"/>
        <location filename="../../services/ledger.py" line="+91"/>
        <source>結束日期不能早於開始日期。</source>
        <translation>The end date cannot be before the start date.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>請選擇申報期別。</source>
        <translation>Choose the VAT period.</translation>
    </message>
    <message>
        <location filename="../../domain/invoice.py" line="-107"/>
        <source>發票號碼必須是兩個英文大寫字母加八位數字，例如 AB12345678。</source>
        <translation>An invoice number is two capital letters and eight digits, e.g. AB12345678.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>統一編號必須是八位數字。</source>
        <translation>A business number (統一編號) is eight digits.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>統一編號 {ban} 的檢查碼不正確。</source>
        <translation>The business number {ban} fails its check digit.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../services/invoices.py" line="+206"/>
        <source>請選擇載具類別。</source>
        <translation>Choose a carrier.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>手機條碼必須是「/」加七個字元（數字、大寫英文字母或 + - .）。</source>
        <translation>A mobile barcode is “/” and seven characters (digits, capital letters or + - .).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>自然人憑證條碼必須是兩個大寫英文字母加十四位數字。</source>
        <translation>A citizen certificate code is two capital letters and fourteen digits.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>捐贈碼必須是三到七位數字。</source>
        <translation>A donation code is three to seven digits.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>申報期別必須是年-月，例如 2026-11/12 或 2026-11。</source>
        <translation>A VAT period is year-month, e.g. 2026-11/12 or 2026-11.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申報期別的年份必須在 {first} 到 {last} 之間。</source>
        <translation>A VAT period&apos;s year must be from {first} to {last}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申報期別是連續兩個月，單月開始：1/2、3/4、5/6、7/8、9/10、11/12。</source>
        <translation>A VAT period is two months starting on an odd month: 1/2, 3/4, 5/6, 7/8, 9/10, 11/12.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>發票日期不能早於訂單日期。</source>
        <translation>The invoice date cannot be before the order date.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>發票日期不能晚於今天。</source>
        <translation>The invoice date cannot be after today.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../services/invoices.py" line="-4"/>
        <source>請選擇發票類型（二聯式或三聯式）。</source>
        <translation>Choose the invoice type (B2C or B2B).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>三聯式（有統一編號）的發票不能捐贈。</source>
        <translation>A B2B invoice (with a business number) cannot be donated.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>二聯式發票沒有買受人統一編號；有統一編號請選三聯式。</source>
        <translation>A B2C invoice has no buyer&apos;s business number; choose B2B for one.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>作廢日期不能早於發票日期。</source>
        <translation>The void date cannot be before the invoice date.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作廢日期不能晚於今天。</source>
        <translation>The void date cannot be after today.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>發票的申報期別 {period} 已申報，不能作廢；請開立折讓單。</source>
        <translation>The return of the invoice&apos;s VAT period {period} was filed: it cannot be voided; issue an allowance.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>發票的申報期別 {period} 已過，不能作廢；請開立折讓單。</source>
        <translation>The invoice&apos;s VAT period {period} has passed: it cannot be voided; issue an allowance.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>折讓單號碼最多 40 個字元。</source>
        <translation>An allowance number has at most 40 characters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>折讓日期不能早於發票日期。</source>
        <translation>The allowance date cannot be before the invoice date.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>折讓日期不能晚於今天。</source>
        <translation>The allowance date cannot be after today.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>折讓金額不能超過發票尚餘的 NT${remaining:,}。</source>
        <translation>The allowance cannot exceed the NT${remaining:,} the invoice has left.</translation>
    </message>
    <message>
        <location filename="../../services/invoices.py" line="-412"/>
        <source>請選擇開立發票的時機。</source>
        <extracomment>Orders that are a sale: an invoice may be recorded for them. Orders past the point where the shop issues its invoice (``issue_at``).</extracomment>
        <translation>Choose when invoices are issued.</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>找不到發票 {id}。</source>
        <extracomment>The return of the invoice&apos;s VAT period was filed: no void any more, only allowances.</extracomment>
        <translation>Invoice {id} not found.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>發票號碼 {no} 已經用於訂單 {order_no}，同一個號碼不能用兩次。</source>
        <translation>Invoice number {no} is already used for order {order_no}; a number is never used twice.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>訂單 {order_no} 目前狀態不能開立發票（要已付款、尚未取消）。</source>
        <translation>Order {order_no} cannot be invoiced in its status (it must be paid and not cancelled).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>發票金額 NT${amount:,} 與訂單金額 NT${total:,} 不符。</source>
        <translation>The invoice amount NT${amount:,} differs from the order total NT${total:,}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>訂單 {order_no} 已有發票 {no}；要重開請先作廢它。</source>
        <translation>Order {order_no} already has invoice {no}; void it first to issue another.</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+25"/>
        <source>發票 {no} 已經作廢。</source>
        <translation>Invoice {no} is already voided.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>發票 {no} 已開過折讓單，不能再作廢。</source>
        <translation>Invoice {no} has allowances and can no longer be voided.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>折讓單號碼 {no} 已經用過，同一個號碼不能用兩次。</source>
        <translation>Allowance number {no} is already used; a number is never used twice.</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>申報期別 {period} 已經登錄申報完成（{day}，{who}）。</source>
        <translation>VAT period {period} is already recorded as filed ({day}, {who}).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>申報期別 {period} 還沒結束，不能申報。</source>
        <translation>VAT period {period} has not ended yet: it cannot be filed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申報日期要在申報期別結束之後。</source>
        <translation>The filing date must be after the end of the VAT period.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申報日期不能晚於今天。</source>
        <translation>The filing date cannot be after today.</translation>
    </message>
    <message>
        <location line="-69"/>
        <location filename="../../views/cancellation_invoice_actions.py" line="-36"/>
        <source>這筆訂單沒有尚未作廢的發票。</source>
        <translation>This order has no invoice that is not voided.</translation>
    </message>
    <message>
        <location filename="../../views/cancellation_invoice_actions.py" line="-2"/>
        <source>發票 {no} 已全額折讓。</source>
        <translation>Invoice {no} is fully allowed.</translation>
    </message>
    <message>
        <location filename="../../domain/clerk_edits.py" line="+20"/>
        <source>請輸入備註內容。</source>
        <extracomment>The history&apos;s machine of a note. The longest note (characters): as any free text (``bounds.MAX_TEXT``). The statuses whose delivery details may still be corrected: the order has not shipped, is not being cancelled and is not cancelled. The columns a correction may change, in the order shown.</extracomment>
        <translation>Write the note.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>備註最多 {n} 個字。</source>
        <translation>A note is at most {n} characters.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>請填寫收件人姓名。</source>
        <translation>Fill in the recipient&apos;s name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>請填寫送貨地址。</source>
        <translation>Fill in the delivery address.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>收件人姓名最多 {n} 個字。</source>
        <translation>The recipient&apos;s name is at most {n} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>電話最多 {n} 個字。</source>
        <translation>The phone number is at most {n} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨地址最多 {n} 個字。</source>
        <translation>The delivery address is at most {n} characters.</translation>
    </message>
    <message>
        <location filename="../../models/sqlite_backup.py" line="+39"/>
        <source>更新資料庫結構之前的備份 {path} 驗證失敗（{why}），資料庫沒有變更。請確認磁碟空間足夠後再開啟一次。</source>
        <extracomment>Pages copied per step of the backup (SQLite&apos;s default page is 4 KB). The tables whose row counts the copy must match.</extracomment>
        <translation>The backup {path} taken before updating the database&apos;s structure failed its check ({why}); the database was not changed. Make sure there is enough disk space and open it again.</translation>
    </message>
    <message>
        <location filename="../../domain/people.py" line="+62"/>
        <source>帳號只能用小寫英文字母、數字和底線，以字母開頭，最多 31 個字。</source>
        <extracomment>A login: lower-case letters, digits and &quot;_&quot;, starting with a letter (a name every server takes unquoted in its user lists; PostgreSQL folds case, MariaDB does not).</extracomment>
        <translation>A login is lower-case letters, digits and underscores, starting with a letter, at most 31 characters.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>請填寫姓名（最多 100 個字）。</source>
        <translation>Fill in the name (at most 100 characters).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>角色必須是店員或主管。</source>
        <translation>The role must be clerk or supervisor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>密碼至少要 8 個字。</source>
        <translation>The password needs at least 8 characters.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>兩次輸入的密碼不一樣。</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../services/people.py" line="+34"/>
        <source>單機的 SQLite 資料庫不需要登入，沒有使用者可以管理；多位店員請改用 PostgreSQL 或 MariaDB 伺服器。</source>
        <extracomment>The server&apos;s &quot;that login exists&quot; (PostgreSQL duplicate_object, MariaDB&apos;s failed CREATE USER). The people functions are not there (an owner that could not create roles at migration 14).</extracomment>
        <translation>A single-desk SQLite database needs no sign-in and has no people to manage; for several clerks use a PostgreSQL or MariaDB server.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>這個資料庫還沒有設定使用者角色：請用資料庫擁有者的帳號執行 orderdesk users setup。</source>
        <translation>This database has no people&apos;s roles yet: run orderdesk users setup with the database owner&apos;s login.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>帳號 {login} 已經存在於資料庫伺服器上，請換一個帳號。</source>
        <translation>The login {login} already exists on the database server; choose another.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>資料庫沒有接受帳號 {login} 的變更（錯誤代碼 {code}）。沒有儲存任何變更。</source>
        <translation>The database did not accept the change to the login {login} (error code {code}). Nothing was saved.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>不能停用自己正在使用的帳號。</source>
        <translation>You cannot disable the login you are signed in with.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>沒有帳號 {login} 這位使用者。</source>
        <translation>There is no person with the login {login}.</translation>
    </message>
    <message>
        <location filename="../../dialogs/remittance_dialog.py" line="+117"/>
        <location filename="../../services/remittances.py" line="-9"/>
        <source>請選擇這筆撥款包含的訂單。</source>
        <translation>Choose the orders this remittance covers.</translation>
    </message>
    <message>
        <location filename="../../domain/remittance.py" line="+18"/>
        <source>撥款日期不能晚於今天。</source>
        <translation>The remittance date cannot be after today.</translation>
    </message>
    <message>
        <location filename="../../services/remittances.py" line="-23"/>
        <source>訂單 {order_no} 不是已取貨的貨到付款訂單，不能對帳。</source>
        <translation>Order {order_no} is not a picked-up cash-on-delivery order: it cannot be reconciled.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>訂單 {order_no} 已對帳（{day} {carrier} 的撥款），不能重複對帳。</source>
        <translation>Order {order_no} is already reconciled (remittance of {day} from {carrier}): it cannot be matched twice.</translation>
    </message>
    <message>
        <location line="+237"/>
        <source>請填寫訂單編號或託運單號。</source>
        <translation>Enter an order number or a tracking number.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>對帳單沒有可對帳的訂單。</source>
        <translation>The statement has no orders to reconcile.</translation>
    </message>
    <message>
        <location filename="../../services/closing.py" line="+22"/>
        <source>{day} 所屬的 {month} 月份已結帳，不能再記入這個月份的收付款、出貨、退款或發票；請改用未結帳月份的日期，或請會計先重新開啟 {month}。</source>
        <translation>{day} falls in {month}, which is closed: no payment, shipment, refund or invoice can be dated in it any more. Use a date in an open month, or ask the accountant to reopen {month} first.</translation>
    </message>
    <message>
        <location filename="../../services/ledger.py" line="-2"/>
        <source>請選擇期間的起訖日期。</source>
        <extracomment>Closing and reopening as ``shop_history`` records them.</extracomment>
        <translation>Choose the first and last day of the period.</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+3"/>
        <source>月份請寫成 YYYY-MM，例如 2026-10。</source>
        <translation>Write the month as YYYY-MM, e.g. 2026-10.</translation>
    </message>
    <message>
        <location line="+357"/>
        <source>{month} 還沒有結束，月底過後才能結帳。</source>
        <extracomment>The columns of every branch, in order. How long before an event&apos;s day its history record may have been written: a clerk dates an event at most today, so the record is never earlier than its day; a caller replaying the past with ``now`` may write one earlier, and a quarter&apos;s margin keeps those in.</extracomment>
        <translation>{month} has not ended yet; it can be closed after its last day.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{month} 已經結帳了。</source>
        <translation>{month} is already closed.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>請填寫重新開啟的原因。</source>
        <translation>Give the reason for reopening.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{month} 沒有結帳。</source>
        <translation>{month} is not closed.</translation>
    </message>
    <message>
        <location filename="../../domain/pickup.py" line="+26"/>
        <source>取貨門市代碼最多 {n} 個字。</source>
        <extracomment>The order&apos;s columns of its pickup store, in the order shown.</extracomment>
        <translation>The pickup store code is at most {n} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取貨門市名稱最多 {n} 個字。</source>
        <translation>The pickup store name is at most {n} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取貨門市地址最多 {n} 個字。</source>
        <translation>The pickup store address is at most {n} characters.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>取貨門市需要門市代碼。</source>
        <translation>The pickup store needs its store code.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取貨門市需要門市名稱。</source>
        <translation>The pickup store needs its store name.</translation>
    </message>
    <message>
        <location filename="../../domain/phone.py" line="+20"/>
        <source>電話只能有數字、空格、-、括號與開頭的 +。</source>
        <extracomment>What a phone may hold: digits, spaces, dashes and brackets, a leading +.</extracomment>
        <translation>A phone number has only digits, spaces, dashes, brackets and a leading +.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../services/export.py" line="+148"/>
        <location line="+32"/>
        <location line="+10"/>
        <location filename="../../services/invoice_register.py" line="+55"/>
        <location filename="../../services/ledger_export.py" line="+39"/>
        <source>訂單編號</source>
        <extracomment>How often (rows) progress is reported and cancellation checked; also the item batch size.</extracomment>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>訂單日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目前狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨日期</source>
        <translation>Ship date</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+41"/>
        <source>商店名稱</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+41"/>
        <location filename="../../services/ledger_export.py" line="+2"/>
        <location line="+26"/>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>運送方式</source>
        <translation>Shipping method</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+40"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商品小計</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>運費</source>
        <translation>Shipping fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>實收金額</source>
        <translation>Amount received</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+53"/>
        <location filename="../../services/invoice_register.py" line="-2"/>
        <source>發票號碼</source>
        <translation>Invoice number</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>轉帳日期</source>
        <translation>Transfer date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通知金額</source>
        <translation>Notified amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帳號末五碼</source>
        <translation>Account last 5 digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確認付款人員</source>
        <translation>Payment confirmed by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確認付款時間</source>
        <translation>Payment confirmed at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>物流業者</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>貨運單號</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取貨門市代碼</source>
        <translation>Pickup store code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取貨門市名稱</source>
        <translation>Pickup store name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取貨門市地址</source>
        <translation>Pickup store address</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>規格</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>數量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>單價</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小計</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>申請日期</source>
        <translation>Request date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>處理狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申請人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消原因</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款狀態</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨狀態</source>
        <translation>Shipment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>審核結果</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客服單號</source>
        <translation>Customer-service no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不通過原因</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨結果</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨完成日期</source>
        <translation>Return date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>應退金額</source>
        <translation>Refund due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款結果</source>
        <translation>Refund result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款金額</source>
        <translation>Refund amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款日期</source>
        <translation>Refund date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退款方式</source>
        <translation>Refund channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未退金額</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>註銷金額</source>
        <translation>Written off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>註銷原因</source>
        <translation>Write-off reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>結案原因（主管）</source>
        <translation>Closing reason (supervisor)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>審核人員</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>審核時間</source>
        <translation>Reviewed at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票已退回</source>
        <translation>Invoice returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商品完好</source>
        <translation>Goods intact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯款編號</source>
        <translation>Remittance ref.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款帳戶</source>
        <translation>Refund account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>失敗紀錄</source>
        <translation>Failed attempts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>訂單</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商品明細</source>
        <translation>Items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消申請</source>
        <translation>Cancellations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../services/invoice_register.py" line="+179"/>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../services/export_book.py" line="+57"/>
        <source>篩選列合計</source>
        <extracomment>Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F), and the C1 controls, which no customer means to type. What a spreadsheet would read as the start of a formula (or strip, for tab / CR).</extracomment>
        <translation>Total of filtered rows</translation>
    </message>
    <message>
        <location filename="../../services/export.py" line="+2"/>
        <source>顧客</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>管理人員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通過</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不通過</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未付款</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已付款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未出貨</source>
        <translation>Not shipped</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已出貨</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨完成</source>
        <translation>Return done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨失敗：{0}</source>
        <translation>Return failed: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款成功</source>
        <translation>Refund done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款失敗：{0}</source>
        <translation>Refund failed: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部分退款</source>
        <translation>Partial refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部分退款，餘額註銷</source>
        <translation>Partial refund, rest written off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主管結案，不退款</source>
        <translation>Closed by a supervisor, no refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{0}（遞減）</source>
        <translation>{0} (descending)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}（遞增）</source>
        <translation>{0} (ascending)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>僅選取的列</source>
        <translation>Selected rows only</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>清單顯示的全部列</source>
        <translation>All rows in the list</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>清單</source>
        <translation>List</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>範圍</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>篩選條件</source>
        <translation>Filters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>排序</source>
        <translation>Sort</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../services/ledger_export.py" line="-10"/>
        <source>筆數</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>匯出人員</source>
        <translation>Exported by</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>匯出時間</source>
        <translation>Exported at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>程式版本</source>
        <translation>App version</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>商品明細筆數</source>
        <translation>Item rows</translation>
    </message>
    <message>
        <location line="-70"/>
        <location filename="../../services/invoice_register.py" line="-139"/>
        <location filename="../../services/ledger_export.py" line="-4"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>內容</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../services/invoice_register.py" line="-49"/>
        <source>發票明細帳</source>
        <extracomment>``orderdesk export --list`` name of the register.</extracomment>
        <translation>Invoice register</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申報彙總</source>
        <translation>VAT return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>折讓</source>
        <translation>Allowances</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作廢</source>
        <translation>Void</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>發票日期</source>
        <translation>Invoice date</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>類型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>買方統編</source>
        <translation>Buyer&apos;s business no.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>買方名稱</source>
        <translation>Buyer&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>載具類別</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>載具號碼</source>
        <translation>Carrier code</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>銷售額</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>稅額</source>
        <translation>Tax</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>總計</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作廢日期</source>
        <translation>Void date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作廢原因</source>
        <translation>Void reason</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>折讓單號碼</source>
        <translation>Allowance number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>折讓日期</source>
        <translation>Allowance date</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>金額或張數</source>
        <translation>Amount or count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由明細驗算</source>
        <translation>Recomputed from the details</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>開立發票張數</source>
        <extracomment>The summary&apos;s lines: key, label. ``RegisterSums`` has one field per key.</extracomment>
        <translation>Invoices issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作廢張數</source>
        <translation>Invoices voided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>應稅銷售額（未稅，不含作廢）</source>
        <translation>Taxable sales (before tax, voids excluded)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>銷項稅額（不含作廢）</source>
        <translation>Output tax (voids excluded)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>銷售總計（含稅，不含作廢）</source>
        <translation>Sales total (tax included, voids excluded)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其中三聯式銷售額</source>
        <translation>of which B2B sales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其中三聯式稅額</source>
        <translation>of which B2B tax</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其中二聯式銷售總計（含稅）</source>
        <translation>of which B2C total (tax included)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>折讓單張數</source>
        <translation>Allowances issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>銷貨退回及折讓（未稅）</source>
        <translation>Returns and allowances (before tax)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>折讓稅額</source>
        <translation>Allowance tax</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>銷售額淨額</source>
        <translation>Net sales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>銷項稅額淨額</source>
        <translation>Net output tax</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>{period} 期（{days}）</source>
        <translation>period {period} ({days})</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>合計（含作廢）</source>
        <translation>Total (voids included)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>發票日期、號碼（遞增）</source>
        <translation>Invoice date, number (ascending)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>折讓單筆數</source>
        <translation>Allowances</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>申報期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../services/ledger_export.py" line="-20"/>
        <source>帳務明細</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>彙總</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+32"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>類別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+28"/>
        <source>商店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>收付金額</source>
        <translation>Money in/out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>參考金額</source>
        <translation>Amount noted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>參考號碼</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收款帳戶</source>
        <translation>Payee account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作人員</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>備註</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>分類</source>
        <translation>Grouped by</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>收款</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>淨額</source>
        <translation>Net</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>發票金額</source>
        <translation>Invoiced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作廢金額</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>折讓金額</source>
        <translation>Allowances</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全期</source>
        <extracomment>The groups of 彙總, in order: (``ledger.totals``&apos;s ``by``, the word in 分類).</extracomment>
        <translation>Whole period</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{month} 已結帳（{who}，{when}）</source>
        <translation>{month} closed ({who}, {when})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{month} 未結帳</source>
        <translation>{month} open</translation>
    </message>
</context>
<context>
    <name>ExportAction</name>
    <message>
        <location filename="../../views/export_action.py" line="+106"/>
        <location line="+9"/>
        <location line="+53"/>
        <source>匯出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>無法覆寫「{0}」：這個檔案可能正在 Excel 或其他程式中開啟。
請先關閉該檔案，或另存成其他檔名。</source>
        <translation>Cannot overwrite “{0}”: the file may be open in Excel or another program.
Close it first, or save under another name.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>另存新檔…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <location line="-36"/>
        <location line="+51"/>
        <source>匯出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>匯出選取的列</source>
        <translation>Export selected rows</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>正在匯出「{0}」到 {1}…</source>
        <translation>Exporting “{0}” to {1}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已匯出 {0:,} 筆到 {1}</source>
        <translation>Exported {0:,} rows to {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../views/reports_page.py" line="+333"/>
        <source>已取消匯出，沒有寫入檔案。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>無法覆寫「{0}」，檔案可能正在 Excel 中開啟。</source>
        <translation>Cannot overwrite “{0}”; the file may be open in Excel.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>匯出失敗，沒有寫入檔案：{0}</source>
        <translation>Export failed; no file was written: {0}</translation>
    </message>
</context>
<context>
    <name>FilingDialog</name>
    <message>
        <location filename="../../dialogs/invoice_dialogs.py" line="-14"/>
        <source>申報完成</source>
        <translation>VAT return filed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登錄申報完成</source>
        <translation>Record as filed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登錄營業稅申報完成的期別：之後這一期的發票只能開立折讓單，不能再作廢。</source>
        <translation>Record the VAT period whose return was filed: from then on that period&apos;s invoices get allowances, never a void.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申報期別</source>
        <translation>VAT period</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>申報日期</source>
        <translation>Filing date</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../views/filter_bar.py" line="+55"/>
        <source>全部商店</source>
        <translation>All stores</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部付款方式</source>
        <extracomment>The method filters (the order page only): None where the page has none.</extracomment>
        <translation>All payment methods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部送貨方式</source>
        <translation>All shipping methods</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>搜尋</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>商店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>付款方式</source>
        <extracomment>The second row: the method filters, and what the page adds (its saved views).</extracomment>
        <translation>Payment method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨方式</source>
        <translation>Shipping method</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>付款方式：{0}</source>
        <translation>Payment method: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>送貨方式：{0}</source>
        <translation>Shipping method: {0}</translation>
    </message>
    <message>
        <location filename="../../services/export.py" line="-20"/>
        <location filename="../../views/filter_bar.py" line="-8"/>
        <source>搜尋：{0}</source>
        <translation>Search: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../views/filter_bar.py" line="+2"/>
        <source>{0}：{1} ～ {2}</source>
        <translation>{0}: {1} – {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../views/filter_bar.py" line="+2"/>
        <source>商店：{0}</source>
        <translation>Store: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../views/filter_bar.py" line="+5"/>
        <source>無</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../domain/tabs.py" line="+47"/>
        <source>申請日期</source>
        <extracomment>A cancellation tab&apos;s date filter looks at its own step&apos;s date: the request on 取消訂單審核 and 全部申請, the review on the tabs a review leads to, the refund on the refund tabs and 取消完成訂單 (a failed refund: the day it was recorded as failed).</extracomment>
        <translation>Request date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>審核日期</source>
        <translation>Review date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款日期</source>
        <translation>Refund date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款失敗日期</source>
        <translation>Refund failure date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>訂單日期</source>
        <translation>Order date</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../dialogs/form.py" line="+134"/>
        <source>取消</source>
        <extracomment>The signal each kind of field sends when the clerk changes it. The field the dialog opens in (default: the first enabled one added).</extracomment>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../widgets/format.py" line="+117"/>
        <source>是</source>
        <extracomment>The widest amount a money column must show whole (issue 17: NT$4,280 read NT$4,28).</extracomment>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} 則備註（在明細的歷程中）</source>
        <translation>{0} note(s) (in the detail&apos;s history)</translation>
    </message>
</context>
<context>
    <name>Hints</name>
    <message>
        <location filename="../../widgets/hints.py" line="+27"/>
        <source>例：{0}</source>
        <extracomment>The hint&apos;s colour: lighter than any text the clerk typed.</extracomment>
        <translation>e.g. {0}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>常用選項</source>
        <translation>Common choices</translation>
    </message>
</context>
<context>
    <name>ImportAction</name>
    <message>
        <location filename="../../views/import_action.py" line="+60"/>
        <source>匯入訂單、付款通知、取消申請或發票</source>
        <translation>Import orders, payment notices, cancellation requests or invoices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 或 CSV 檔 (*.xlsx *.csv);;所有檔案 (*)</source>
        <translation>Excel or CSV files (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+17"/>
        <source>匯入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="+118"/>
        <source>匯入…</source>
        <translation>Import…</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../views/import_action.py" line="-58"/>
        <source>已有一個匯入正在進行。</source>
        <translation>An import is already running.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>正在檢查 {0}…</source>
        <translation>Checking {0}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>匯入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>沒有匯入，沒有寫入任何資料。</source>
        <translation>Nothing imported; no data was written.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在匯入 {0:,} 筆…</source>
        <translation>Importing {0:,} records…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已取消匯入，沒有寫入任何資料。</source>
        <translation>Import cancelled; no data was written.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>匯入失敗，沒有寫入任何資料：{0}</source>
        <translation>Import failed; no data was written: {0}</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../dialogs/import_report_dialog.py" line="+34"/>
        <source>匯入檢查結果</source>
        <extracomment>More bad rows than this are counted but not listed (a table of 100,000 rows helps no one). Rows imported with a warning (造字) listed under the table; the rest are counted.</extracomment>
        <translation>Import check</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>檔案：{0}</source>
        <translation>File: {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>以下 {0:,} 列有錯誤，不會匯入：</source>
        <translation>These {0:,} rows have errors and will not be imported:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>列</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>欄位</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>只列出前 {0:,} 列。</source>
        <translation>Only the first {0:,} rows are listed.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>……另有 {0:,} 列。</source>
        <translation>…and {0:,} more rows.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>以下 {0:,} 列含有造字（使用者自訂字），會照 Windows 的讀法匯入；在沒有同樣造字檔的電腦上可能顯示成方塊或空白，請核對：</source>
        <translation>These {0:,} rows hold user-defined characters (造字) and are imported as Windows reads them; on a computer without the same character file they may show as boxes or blanks. Please check:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>按「匯入」會在一次交易中寫入上面正確的 {0:,} 筆資料；有錯誤的列不會寫入。</source>
        <translation>Press “Import” to write the {0:,} valid records above in one transaction; rows with errors are not written.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>檔案中的資料都已匯入過，沒有新的資料。</source>
        <translation>Everything in the file was imported before; there is nothing new.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>沒有可以匯入的資料，什麼都不會寫入。</source>
        <translation>There is nothing to import; nothing will be written.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>匯入 {0:,} 筆</source>
        <translation>Import {0:,} records</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <location filename="../../services/import_records.py" line="+301"/>
        <source>新訂單 {orders:,} 筆（{items:,} 項商品）、付款通知 {notices:,} 筆、取消申請 {requests:,} 筆；已匯入過而略過 {skipped:,} 列；有錯誤 {bad:,} 列。</source>
        <extracomment>How many order numbers one ``IN (...)`` look-up asks about. How many rows left out a result&apos;s summary names. The record kinds in the order an import writes them. The shop&apos;s day the rows were checked against (no transfer date after it). Rows imported but worth a look: a user-defined character (造字) in a cell.</extracomment>
        <translation>New orders: {orders:,} ({items:,} items); payment notices: {notices:,}; cancellation requests: {requests:,}; skipped as imported before: {skipped:,} rows; with errors: {bad:,} rows.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>已匯入新訂單 {orders:,} 筆（{items:,} 項商品）、付款通知 {notices:,} 筆、取消申請 {requests:,} 筆。</source>
        <extracomment>Rows left out because a clerk changed their order while the import was being written (the figures above are the plan&apos;s, these rows included).</extracomment>
        <translation>Imported {orders:,} new orders ({items:,} items), {notices:,} payment notices and {requests:,} cancellation requests.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>其中 {n:,} 列在匯入時，其他店員已先變更了它的訂單，所以沒有匯入：</source>
        <translation> {n:,} of these rows were not imported: another clerk changed their order while the import was being written:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>發票 {invoices:,} 張。</source>
        <translation> Invoices: {invoices:,}.</translation>
    </message>
    <message>
        <location filename="../../services/import_sheets.py" line="+127"/>
        <location line="+76"/>
        <source>無法辨識檔案的文字編碼：請存成 UTF-8、Big5 或 Unicode（UTF-16）的 CSV。</source>
        <extracomment>(row number, column header, the cell&apos;s text) of each cell holding a user-defined character (造字), filled while ``rows`` is read. The rows read again from the start (after the header), unflagged: an orders sheet is read twice (``_Checker.orders``) rather than held. Unicode&apos;s private-use area: where Windows puts Big5&apos;s user-defined characters (造字). One Big5 character of Windows cp950&apos;s user-defined (EUDC) ranges: FA40–FEFE, 8E40–A0FE, 8140–8DFE and C6A1–C8FE (Python&apos;s cp950 refuses the first three and reads most of the last as the ETen extension&apos;s kana; Windows reads all four as private-use code points). Everything before the next EUDC character, taken one whole character at a time so that a trail byte is never read as a lead byte. Each EUDC range: (first lead byte, last lead byte, the code point of its first lead&apos;s trail byte 40). 157 characters per lead byte (trail 40–7E, A1–FE); C6&apos;s start at trail A1. What Python&apos;s cp950 reads in C6A1–C8FE (ETen&apos;s kana, circled numbers…): a line holding one of them is decoded again the slow way, in case it came from those bytes.</extracomment>
        <translation>Cannot tell the file&apos;s text encoding: save it as a UTF-8, Big5 or Unicode (UTF-16) CSV.</translation>
    </message>
    <message>
        <location filename="../../services/import_check.py" line="+606"/>
        <location filename="../../services/import_sheets.py" line="-53"/>
        <location line="+3"/>
        <source>無法讀取檔案：{error}</source>
        <translation>Cannot read the file: {error}</translation>
    </message>
    <message>
        <location filename="../../services/import_sheets.py" line="+2"/>
        <source>只能匯入 .xlsx 或 .csv 檔案。</source>
        <translation>Only .xlsx or .csv files can be imported.</translation>
    </message>
    <message>
        <location line="+86"/>
        <location line="+108"/>
        <source>「{sheet}」第 {row} 列無法讀取（{error}），檔案可能已損壞，無法匯入。</source>
        <extracomment>Windows&apos; Big5 with its user-defined characters (``_decode_cp950``), read line by line.</extracomment>
        <translation>“{sheet}” row {row} cannot be read ({error}); the file may be damaged and cannot be imported.</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>這個檔案設有密碼，或是舊版 Excel（.xls）活頁簿：請在 Excel 移除密碼，或另存成 Excel 活頁簿（.xlsx）後再匯入。</source>
        <extracomment>How an OLE compound file begins: Excel&apos;s workbook saved with a password, or an old .xls.</extracomment>
        <translation>This file has a password, or is an old Excel (.xls) workbook: remove the password in Excel, or save it as an Excel workbook (.xlsx), then import it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>這個檔案不是 Excel 活頁簿（.xlsx）：可能只下載了一部分、已經損壞，或是改了副檔名的其他檔案（例如 CSV）。</source>
        <translation>This file is not an Excel workbook (.xlsx): it may be only partly downloaded, damaged, or another kind of file renamed (a CSV, for example).</translation>
    </message>
    <message>
        <location filename="../../services/import_cells.py" line="-101"/>
        <source>日期「{value}」太早：不能早於 {earliest}。</source>
        <extracomment>Each kind&apos;s columns: key -&gt; (zh-TW header, English aliases). The first header is the one the samples and docs/IMPORT.md use. The columns that say what a sheet holds (checked in this order: an orders or a cancellations workbook the program exported carries the invoice number too). The order-level columns: every row of one order must agree on them. normalised header -&gt; key, per kind. 2026-03-01, 2026/3/1, 2026.03.01 or 20260301, then optionally a time 14:30 or 14:30:05. A Republic-of-China (民國) date as Taiwanese forms and government files write it: 115/11/01, 115-11-01 or 115.11.01 (a three-digit year), then optionally a time. 民國115年11月1日 (or 115年11月1日), and 2026年11月1日; optionally a time. The earliest day a date in a file may name (0001-01-01, or an empty date cell read as 1899-12-30, is a mistake; and a time before it cannot be turned into UTC everywhere).</extracomment>
        <translation>The date “{value}” is too early: it cannot be before {earliest}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>日期 {value} 晚於今天（{today}）。</source>
        <translation>The date {value} is after today ({today}).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>日期必填。</source>
        <translation>The date is required.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>日期「{value}」看不懂，請寫成 2026-03-01 或 2026-03-01 14:30。</source>
        <translation>Cannot read the date “{value}”; write it as 2026-03-01 or 2026-03-01 14:30.</translation>
    </message>
    <message>
        <location filename="../../services/import_check.py" line="-334"/>
        <location line="+128"/>
        <source>缺少訂單編號。</source>
        <extracomment>Rows between progress reports and cancel checks while reading. Rows of a notices, requests or invoices sheet checked at a time (then dropped). Rows of finished orders held behind an order whose rows are still coming (``orders``). Each sheet&apos;s text columns and the length of the database column each goes to. (The order number and the buyer&apos;s columns have their own checks in ``orders``.)</extracomment>
        <translation>The order no. is missing.</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>訂單編號不能超過 32 個字元。</source>
        <translation>The order no. cannot be longer than 32 characters.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>訂單編號 {no} 重複：已在「{sheet}」第 {row} 列。</source>
        <translation>Order no. {no} is repeated: it is already in “{sheet}”, row {row}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>訂單 {no} 已在資料庫中（已匯入過），略過。</source>
        <translation>Order {no} is already in the database (imported before); skipped.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>訂單編號 {no} 重複：這一列的「{header}」與第 {row} 列不同。</source>
        <translation>Order no. {no} is repeated: this row&apos;s “{header}” differs from row {row}.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>訂單 {no} 的其他列有錯誤，整筆訂單不匯入。</source>
        <translation>Other rows of order {no} have errors, so the whole order is not imported.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>找不到商店「{value}」。</source>
        <translation>Store “{value}” not found.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>付款方式「{value}」不存在或已封存。</source>
        <translation>Payment method “{value}” does not exist or is archived.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>送貨方式「{value}」不存在或已封存。</source>
        <translation>Shipping method “{value}” does not exist or is archived.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>不能超過 {limit} 個字元。</source>
        <translation>Cannot be longer than {limit} characters.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>訂單 {no} 已有這筆付款通知（已匯入過），略過。</source>
        <translation>Order {no} already has this payment notice (imported before); skipped.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>申請日期不能早於訂單日期。</source>
        <translation>The request date cannot be before the order date.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>訂單 {no} 已在取消處理中（已匯入過），略過。</source>
        <translation>Order {no} is already being cancelled (imported before); skipped.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>訂單 {no} 在這個檔案中才新增：請先匯入訂單，再匯入它的發票。</source>
        <translation>Order {no} is new in this file: import the order first, then its invoice.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>發票 {invoice} 已登錄在訂單 {no}（已匯入過），略過。</source>
        <translation>Invoice {invoice} is already recorded on order {no} (imported before); skipped.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>發票號碼 {invoice} 重複：已在「{sheet}」第 {row} 列。</source>
        <translation>Invoice number {invoice} repeated: already on row {row} of “{sheet}”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>訂單 {no} 在檔案中有兩張發票（另一張在第 {row} 列）。</source>
        <translation>Order {no} has two invoices in the file (the other on row {row}).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>檔案中的發票有 {n:,} 列錯誤：發票全部不匯入，改正後再匯入整個檔案。</source>
        <translation>The invoices of the file have {n:,} bad rows: no invoice is imported; correct them and import the whole file again.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>訂單 {no} 的列有錯誤而不匯入，所以這一列也不匯入。</source>
        <translation>Order {no} is not imported because of errors in its rows, so this row is not imported either.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>找不到訂單 {no}。</source>
        <translation>Order {no} not found.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>看不出這個工作表是訂單、付款通知、取消申請還是發票：請用 docs/IMPORT.md 的欄位名稱。</source>
        <translation>Cannot tell whether this sheet holds orders, payment notices, cancellation requests or invoices: use the column names of docs/IMPORT.md.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>「{first}」（{first_at} 欄）和「{second}」（{second_at} 欄）是同一個欄位：請只留一欄，這個工作表不匯入。</source>
        <translation>“{first}” (column {first_at}) and “{second}” (column {second_at}) are the same column: keep only one; this sheet is not imported.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>缺少欄位：{columns}，這個工作表不匯入。</source>
        <translation>Missing columns: {columns}; this sheet is not imported.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>「{value}」含有造字（使用者自訂字）：照 Windows 的讀法匯入，但在沒有同樣造字檔的電腦上可能顯示成方塊或空白，請核對。</source>
        <translation>“{value}” holds a user-defined character (造字): imported as Windows reads it, but on a computer without the same character file it may show as a box or a blank; please check.</translation>
    </message>
    <message>
        <location filename="../../services/import_write.py" line="+319"/>
        <source>訂單編號 {no} 在匯入開始後已被另一筆訂單使用，這一列沒有匯入。</source>
        <extracomment>A write transaction&apos;s time: a clerk&apos;s action waits behind the import for about this long at most. Shorter on a server, where a slice costs only its commit and a short pause. Records per sub-batch inside a transaction, at most: the time is looked at between them, and the next sub-batch is as many as fit in what is left of the slice at the pace seen. The first sub-batch of a kind of record not yet timed. The pause between two of the import&apos;s transactions. SQLite: longer than the longest sleep of the busy handler a waiting clerk is in (100 ms), so every clerk waiting for the write lock takes it before the import&apos;s next transaction. A server queues the waiters itself. How often a transaction rolled back by a deadlock or a serialization failure is run again, over ``survives_server``&apos;s own attempts, before the import stops (to be finished). This import&apos;s order numbers left out (taken meanwhile): their notices, invoices and requests are left out too. Records in the first sub-batch of the next slice, learnt from the last one, and the kind of record it was learnt on. This backend&apos;s ``SLICE_SECONDS``.</extracomment>
        <translation>Order number {no} was taken by another order after the import began; this row was not imported.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>訂單 {no} 沒有匯入（編號已被另一筆訂單使用），這一列也沒有匯入。</source>
        <translation>Order {no} was not imported (its number was taken by another order), so this row was not imported either.</translation>
    </message>
    <message>
        <location filename="../../services/import_records.py" line="+41"/>
        <source>匯入在寫入 {done:,} / {total:,} 筆後中斷：{error}。其餘的資料留在匯入紀錄中，下次開啟資料庫或再次匯入時會自動補完，不會只留下一半。</source>
        <translation>The import stopped after writing {done:,} of {total:,} records: {error}. The rest is kept in the import&apos;s journal and is written when the database is next opened or a file is next imported; the import is never left half done.</translation>
    </message>
    <message>
        <location filename="../../services/import_write.py" line="+52"/>
        <source>訂單編號 {no} 在檢查之後已被另一筆訂單使用，這次匯入沒有寫入任何資料，請重新匯入。</source>
        <translation>Order number {no} was taken by another order after the check, so this import wrote nothing. Import the file again.</translation>
    </message>
    <message>
        <location filename="../../services/import_bulk.py" line="+147"/>
        <source>訂單 {no} 在匯入開始後已被其他店員變更，這筆付款通知沒有匯入。</source>
        <extracomment>Orders per ``executemany`` batch (fixed: docs/PERFORMANCE.md, sqlite3&apos;s statement cache).</extracomment>
        <translation>Order {no} was changed by another clerk after the import began; this payment notice was not imported.</translation>
    </message>
    <message>
        <location filename="../../services/import_records.py" line="+13"/>
        <source>訂單 {no} 在檢查之後已被其他店員變更，這次匯入沒有寫入任何資料，請重新匯入。</source>
        <translation>Order {no} was changed by another clerk after the check, so this import wrote nothing. Import the file again.</translation>
    </message>
    <message>
        <location filename="../../services/xlsx_guard.py" line="+157"/>
        <source>工作表「{sheet}」第 {row} 列之後的一列（{column} 欄起）：列號「{ref}」不是 Excel 的列號（1 到 1048576），檔案可能已損壞，無法匯入。</source>
        <extracomment>The same in a workbook Excel saves as 「Strict Open XML 試算表」 (ISO 29500 strict). Excel&apos;s last row and column (XFD). A sheet may span this many cells whatever it holds (a few stray cells far out are fine)... ... and otherwise at most this many times the cells it holds. A merged range as the sheet&apos;s XML gives it: ``&lt;mergeCell ref=&quot;A2:A5&quot;/&gt;`` (a prefixed tag too). A merged range: (its first row, its first column, its last row), the rows numbered as the sheet numbers them, the column counted from 0 (A is 0).</extracomment>
        <translation>Sheet “{sheet}”, the row after row {row} (from column {column}): “{ref}” is not an Excel row number (1 to 1048576); the file may be damaged and cannot be imported.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>工作表「{sheet}」第 {row} 列 {column} 欄：儲存格位置「{ref}」不是 Excel 的儲存格位置（最多到 XFD1048576），檔案可能已損壞，無法匯入。</source>
        <translation>Sheet “{sheet}”, row {row}, column {column}: “{ref}” is not an Excel cell reference (the last is XFD1048576); the file may be damaged and cannot be imported.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>工作表「{sheet}」第 {row} 列 {column} 欄：這個儲存格離其他資料太遠（工作表只有 {cells:,} 個儲存格，卻要讀入約 {area:,} 個），請刪除多餘的儲存格或另存新檔後再匯入。</source>
        <translation>Sheet “{sheet}”, row {row}, column {column}: this cell is too far from the rest of the data (the sheet holds {cells:,} cells but reading it would take about {area:,}). Delete the stray cells, or save the workbook as a new file, and import again.</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>工作表「{sheet}」第 {row} 列 {column} 欄：數字儲存格的值「{value}」不是數字，檔案可能已損壞，無法匯入。</source>
        <extracomment>The cell types (``t``) of SpreadsheetML, and a boolean cell&apos;s values.</extracomment>
        <translation>Sheet “{sheet}”, row {row}, column {column}: the number cell holds “{value}”, which is not a number; the file may be damaged and cannot be imported.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>工作表「{sheet}」第 {row} 列 {column} 欄：儲存格的內容「{value}」與它的類型（t=&quot;{kind}&quot;）不符，檔案可能已損壞，無法匯入。</source>
        <translation>Sheet “{sheet}”, row {row}, column {column}: the cell holds “{value}”, which does not fit its type (t=&quot;{kind}&quot;); the file may be damaged and cannot be imported.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>工作表「{sheet}」第 {row} 列 {column} 欄：文字儲存格指向的共用字串「{value}」不存在（共有 {count} 個），檔案可能已損壞，無法匯入。</source>
        <translation>Sheet “{sheet}”, row {row}, column {column}: the text cell points to shared string “{value}”, which does not exist (there are {count}); the file may be damaged and cannot be imported.</translation>
    </message>
    <message>
        <location filename="../../services/remittances.py" line="-56"/>
        <source>對帳單需要「訂單編號」或「託運單號」欄，以及「代收金額」欄。</source>
        <extracomment>A statement&apos;s columns: key → the headers that name it (compared without case or spaces).</extracomment>
        <translation>A statement needs an &apos;order number&apos; or &apos;tracking number&apos; column, and an &apos;amount collected&apos; column.</translation>
    </message>
</context>
<context>
    <name>Input</name>
    <message>
        <location filename="../../widgets/order_detail.py" line="+33"/>
        <source>轉帳日期</source>
        <extracomment>How the inputs recorded in the history are labelled.</extracomment>
        <translation>Transfer date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帳號末五碼</source>
        <translation>Account last 5 digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>備註</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨日期</source>
        <translation>Ship date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>物流業者</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>貨運單號</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>銀行代碼</source>
        <translation>Bank code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分行</source>
        <translation>Branch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帳號</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>戶名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客服編號</source>
        <translation>Customer-service no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票已退回</source>
        <translation>Invoice returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商品完好</source>
        <translation>Goods intact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯款日期</source>
        <translation>Remittance date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯款編號</source>
        <translation>Remittance ref.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通知金額</source>
        <translation>Notified amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商品小計</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>運費</source>
        <translation>Shipping fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>實收金額</source>
        <translation>Amount received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>短收原因</source>
        <translation>Shortfall reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>款項已入帳</source>
        <translation>Money arrived</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原帳戶</source>
        <translation>Old account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新帳戶</source>
        <translation>New account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票號碼</source>
        <translation>Invoice number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票日期</source>
        <translation>Invoice date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票類型</source>
        <translation>Invoice type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>銷售額</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>稅額</source>
        <translation>Tax</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>買方統一編號</source>
        <translation>Buyer&apos;s business number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>買方名稱</source>
        <translation>Buyer&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>載具</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>載具號碼</source>
        <translation>Carrier code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>來源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作廢日期</source>
        <translation>Void date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>折讓單號碼</source>
        <translation>Allowance number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>折讓日期</source>
        <translation>Allowance date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨地址</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取貨門市代碼</source>
        <translation>Pickup store code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取貨門市名稱</source>
        <translation>Pickup store name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取貨門市地址</source>
        <translation>Pickup store address</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>顧客</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理人員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{old} → {new}</source>
        <translation>{old} → {new}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label}：{value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>Invoice</name>
    <message>
        <location filename="../../domain/invoice.py" line="+19"/>
        <source>二聯式（個人）</source>
        <extracomment>Untranslated labels of kinds and carriers (context &quot;Invoice&quot;).</extracomment>
        <translation>B2C (person)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>三聯式（公司）</source>
        <translation>B2B (company)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手機條碼</source>
        <translation>Mobile barcode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自然人憑證</source>
        <translation>Citizen certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>捐贈</source>
        <translation>Donated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>紙本</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../services/invoices.py" line="-319"/>
        <source>確認付款時</source>
        <extracomment>The shop_setting row saying when invoices are issued, and its two values.</extracomment>
        <translation>At payment confirmation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨時</source>
        <translation>At shipment</translation>
    </message>
</context>
<context>
    <name>InvoiceDialog</name>
    <message>
        <location filename="../../dialogs/invoice_dialogs.py" line="-402"/>
        <source>開立發票 — {0}</source>
        <translation>Record invoice — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>開立發票</source>
        <translation>Record invoice</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>登錄服務商為訂單 {no}（{buyer}）開立的發票：</source>
        <translation>The invoice the provider issued for order {no} ({buyer}):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>發票號碼</source>
        <translation>Invoice number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：AB12345678</source>
        <translation>e.g. AB12345678</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>發票日期</source>
        <translation>Invoice date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>發票類型</source>
        <translation>Invoice type</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>買方統一編號</source>
        <translation>Buyer&apos;s business number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>買方名稱（公司抬頭）</source>
        <translation>Buyer&apos;s company name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>載具</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>載具號碼／捐贈碼</source>
        <translation>Carrier or donation code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>銷售額 {before} ＋ 稅額 {tax} ＝ 總計 {total}</source>
        <translation>Sales {before} + tax {tax} = total {total}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>總計 {total}（含稅）</source>
        <translation>Total {total} (tax included)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>/ 加 7 個字元，例如 /ABC+123</source>
        <translation>/ and 7 characters, e.g. /ABC+123</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 個英文字母加 14 位數字</source>
        <translation>2 letters and 14 digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 到 7 位數字</source>
        <translation>3 to 7 digits</translation>
    </message>
</context>
<context>
    <name>InvoiceDialogs</name>
    <message>
        <location line="+101"/>
        <source>發票 {no}（{date}，{period} 期）仍在同一申報期內：請作廢。</source>
        <extracomment>The return of the invoice&apos;s VAT period was filed (no void then).</extracomment>
        <translation>Invoice {no} ({date}, period {period}) is still in its VAT period: void it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>發票 {no}（{date}，{period} 期）的申報期已申報：請開立折讓單。</source>
        <translation>The return of the VAT period of invoice {no} ({date}, period {period}) was filed: issue an allowance.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>發票 {no}（{date}，{period} 期）的申報期已過：請開立折讓單。</source>
        <translation>The VAT period of invoice {no} ({date}, period {period}) has passed: issue an allowance.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>作廢日期</source>
        <translation>Void date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作廢原因</source>
        <translation>Void reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單取消</source>
        <translation>Order cancelled</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>折讓單號碼</source>
        <translation>Allowance number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>折讓日期</source>
        <translation>Allowance date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>折讓金額（含稅）</source>
        <translation>Allowance (tax included)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>銷售額／稅額</source>
        <translation>Sales / tax</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{before} ＋ 稅額 {tax}（發票尚餘 {left}）</source>
        <translation>{before} + tax {tax} (invoice has {left} left)</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>現在登錄作廢</source>
        <extracomment>What the clerk does with the invoice in a cancellation step: the void or allowance now, or later on the 發票 page.</extracomment>
        <translation>Record the void now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>現在登錄折讓單</source>
        <translation>Record the allowance now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>稍後在「發票」頁登錄</source>
        <translation>Later, on the Invoices page</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>發票 {0}</source>
        <translation>Invoice {0}</translation>
    </message>
</context>
<context>
    <name>InvoicesPage</name>
    <message>
        <location filename="../../views/invoices_page.py" line="+106"/>
        <source>訂單編號</source>
        <extracomment>At most this many rows of a queue are shown (the count says how many there are). The return of the invoice&apos;s VAT period was filed.</extracomment>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>訂單日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>目前狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>作廢</source>
        <translation>Void</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+151"/>
        <location line="+67"/>
        <source>開立折讓單</source>
        <translation>Issue allowance</translation>
    </message>
    <message>
        <location line="-214"/>
        <source>發票號碼</source>
        <translation>Invoice number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票日期</source>
        <translation>Invoice date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申報期別</source>
        <translation>VAT period</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>尚餘金額</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>應辦理</source>
        <translation>To do</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>開立發票時機：</source>
        <translation>Invoices are issued:</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+68"/>
        <source>申報完成</source>
        <translation>VAT return filed</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>登錄某一期營業稅已申報：之後這一期的發票只能開立折讓單</source>
        <translation>Record that a VAT period&apos;s return was filed: its invoices then get allowances only</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>服務商的已開立發票檔，以訂單編號對應（同「檔案 → 匯入…」）</source>
        <translation>The provider&apos;s issued-invoice file, matched by order number (as File → Import…)</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+53"/>
        <source>開立發票</source>
        <translation>Record invoice</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>查詢</source>
        <translation>View</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+65"/>
        <source>作廢發票</source>
        <translation>Void invoice</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>待開發票 ({0})</source>
        <translation>To invoice ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待作廢／折讓 ({0})</source>
        <translation>To void or allow ({0})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>最近申報：{period}（{day}，{who}）</source>
        <translation>Last filed: {period} ({day}, {who})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未登錄申報</source>
        <translation>No VAT return recorded as filed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>開立發票時機</source>
        <translation>When invoices are issued</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>已登錄發票</source>
        <translation>Invoice recorded</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>匯入發票檔</source>
        <translation>Import invoice file</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-122"/>
        <location line="+103"/>
        <source>匯出發票明細帳</source>
        <translation>Export invoice register</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>正在匯出發票明細帳…</source>
        <translation>Exporting the invoice register…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已匯出 {0} 張發票、{1} 張折讓單到 {2}</source>
        <translation>Exported {0} invoices and {1} allowances to {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>匯出失敗，沒有寫入檔案：{0}</source>
        <translation>Export failed; no file was written: {0}</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <location filename="../../services/ledger.py" line="-457"/>
        <source>付款通知</source>
        <extracomment>The kinds of event, in the order the filter lists them, with their zh-TW names.</extracomment>
        <translation>Payment notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確認收款</source>
        <translation>Payment confirmed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨</source>
        <translation>Ship</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>貨到付款代收</source>
        <translation>Cash on delivery collected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>物流撥款</source>
        <translation>Carrier remittance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款失敗</source>
        <translation>Refund failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>註銷未退餘額</source>
        <translation>Write off the rest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>開立發票</source>
        <translation>Record invoice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票作廢</source>
        <translation>Invoice voided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>折讓</source>
        <translation>Allowances</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <location filename="../../views/reports_page.py" line="-208"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上個月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>全部類別</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+163"/>
        <source>匯出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>結帳／重新開啟…</source>
        <translation>Close / reopen month…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>商店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>類別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>全部商店</source>
        <translation>All stores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部付款方式</source>
        <translation>All payment methods</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>收款 {0}&#x3000;退款 {1}&#x3000;淨額 {2}</source>
        <translation>Received {0}   Refunded {1}   Net {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>發票 {0}&#x3000;作廢 {1}&#x3000;折讓 {2}</source>
        <translation>Invoiced {0}   Voided {1}   Allowances {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>共 {0:,} 筆</source>
        <translation>{0:,} in all</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已結帳：這段期間的帳務已固定，再匯出也是同樣的內容。</source>
        <translation>Closed: this period&apos;s books are frozen; exporting it again gives the same workbook.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>部分結帳：{0}</source>
        <translation>Partly closed: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未結帳：帳務仍可能因補登而變動。</source>
        <translation>Open: late entries may still change these books.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>帳務明細-{0:%Y%m%d}-{1:%Y%m%d}.xlsx</source>
        <translation>Ledger-{0:%Y%m%d}-{1:%Y%m%d}.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>正在匯出帳務明細…</source>
        <translation>Exporting the ledger…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>匯出失敗，沒有寫入檔案：{0}</source>
        <translation>Export failed; no file was written: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已匯出 {0:,} 筆到 {1}</source>
        <translation>Exported {0:,} rows to {1}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>結帳／重新開啟月份</source>
        <translation>Close or reopen a month</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} 已結帳：{1:,} 筆，淨額 {2}</source>
        <translation>{0} closed: {1:,} events, net {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已重新開啟月份</source>
        <translation>Month reopened</translation>
    </message>
</context>
<context>
    <name>ListTab</name>
    <message>
        <location filename="../../views/list_tab.py" line="+101"/>
        <source>查詢</source>
        <extracomment>Called before a select-all or Ctrl+End (the page&apos;s ``count_now``: the tab&apos;s rows all there). Each column&apos;s width before fitting: at least its widest text and its header. ((the model&apos;s generation, the selected runs), their rows): ``selected_rows``. Why the signed-in role may not use an action, by its name (``Session.refusal``).</extracomment>
        <translation>View</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter 或按兩下</source>
        <translation>Enter or double-click</translation>
    </message>
    <message>
        <location filename="../../widgets/format.py" line="-87"/>
        <source>【{0}】</source>
        <extracomment>The most characters a typed amount needs: the largest amount as &quot;NT$9,999,999,999&quot;, and room for spaces (``parse_amount`` refuses anything above ``MAX_AMOUNT`` by name).</extracomment>
        <translation>{0}</translation>
    </message>
</context>
<context>
    <name>Locale</name>
    <message>
        <location filename="../../widgets/dates.py" line="+23"/>
        <source>zh_TW</source>
        <translation>en_US</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/main_window.py" line="-59"/>
        <source>OrderDesk 訂單管理後台</source>
        <extracomment>The first start&apos;s size: the window with its title bar fits a 1366×768 screen above a taskbar. The sidebar&apos;s modules, in order: 商品訂單 (the pages along the top), 報表. The clerk chose another database in 設定 → 資料庫連線; main.py opens it.</extracomment>
        <translation>OrderDesk Order Back Office</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+90"/>
        <source>商品訂單</source>
        <translation>Shop orders</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+88"/>
        <source>報表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>訂單管理</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>取消訂單</source>
        <translation>Cancellations</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>付款方式</source>
        <translation>Payment methods</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>送貨方式</source>
        <translation>Shipping methods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發票</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>代收款對帳</source>
        <translation>COD remittances</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>物流業者</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>檔案(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新整理(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>結束(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>設定(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>操作人員(&amp;O)…</source>
        <translation>&amp;Clerk…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>您已用自己的帳號登入，歷程記錄的是這個帳號。</source>
        <translation>You signed in with your own login; the history records that login.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>使用者管理(&amp;U)…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>資料庫連線(&amp;D)…</source>
        <translation>&amp;Database connection…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>結帳／關帳(&amp;M)…</source>
        <translation>Close &amp;month…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>說明(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>關於 OrderDesk(&amp;A)</source>
        <translation>&amp;About OrderDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>快速鍵(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>關於 OrderDesk</source>
        <translation>About OrderDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OrderDesk {0}
商店訂單管理後台。</source>
        <translation>OrderDesk {0}
The order back office for a shop.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>操作人員：{0}</source>
        <translation>Clerk: {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（未設定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>與資料庫的連線中斷，正在重試…</source>
        <translation>Lost the connection to the database; retrying…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已重新連線</source>
        <translation>Reconnected</translation>
    </message>
    <message>
        <location filename="../../cli/start.py" line="+199"/>
        <location filename="../../cli/window.py" line="+73"/>
        <source>資料庫連線</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>無法開啟 {0}：{1}</source>
        <translation>Cannot open {0}: {1}</translation>
    </message>
</context>
<context>
    <name>MethodsPage</name>
    <message>
        <location filename="../../views/methods_page.py" line="-315"/>
        <location line="+208"/>
        <source>刪除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>無法完成</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>刪除勾選的項目；已有訂單使用的會改為封存</source>
        <translation>Delete the ticked items; those used by orders are archived instead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>調整選取列的顯示順序（即商店前台列出的順序）</source>
        <translation>Change the display order of the selected row (the order the storefront lists them in)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>顯示已封存</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>還原</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>・{title}（已有訂單使用，將改為封存）</source>
        <translation>• {title} (used by orders; will be archived)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>・{title}</source>
        <translation>• {title}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>已刪除：{titles}。</source>
        <translation>Deleted: {titles}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已封存（仍有訂單使用，訂單保留原名稱）：{titles}。可勾選「顯示已封存」後還原。</source>
        <translation>Archived (still used by orders, which keep the original name): {titles}. Tick “Show archived” to restore them.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已還原：{title}。</source>
        <translation>Restored: {title}.</translation>
    </message>
</context>
<context>
    <name>MethodsTableModel</name>
    <message>
        <location line="-406"/>
        <source>選取</source>
        <translation>Select</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>標題</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>運費</source>
        <translation>Shipping fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>免運費條件</source>
        <translation>Free shipping</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查件網址</source>
        <translation>Tracking page</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>勾選要刪除的項目</source>
        <translation>Tick the items to delete</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>已有訂單使用：刪除時會改為封存，訂單保留原名稱。</source>
        <translation>Used by orders: deleting archives it instead, and those orders keep the original name.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>不提供免運</source>
        <translation>No free shipping</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>滿 {amount} 免運</source>
        <translation>Free over {amount}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已封存</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>啟用</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>Migrating</name>
    <message>
        <location filename="../../views/migrating.py" line="+26"/>
        <source>更新資料庫結構之前，先備份資料庫檔案…</source>
        <extracomment>A quick update (a new, empty file&apos;s steps) never shows the dialog.</extracomment>
        <translation>Backing up the database file before updating its structure…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在檢查備份…</source>
        <translation>Checking the backup…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在更新資料庫結構（第 {0} 步，共 {1} 步）…</source>
        <translation>Updating the database&apos;s structure (step {0} of {1})…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>另一個 OrderDesk 正在更新這個資料庫，請稍候…</source>
        <translation>Another OrderDesk is updating this database; please wait…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在檢查資料表的索引…</source>
        <translation>Checking the tables&apos; indexes…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在更新資料庫結構…</source>
        <translation>Updating the database&apos;s structure…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成後就會開啟視窗。</source>
        <translation>The window opens when it is done.</translation>
    </message>
</context>
<context>
    <name>NotCollectedDialog</name>
    <message>
        <location filename="../../dialogs/cod_dialogs.py" line="+49"/>
        <source>未取件退回 — {0}</source>
        <translation>Returned uncollected — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>確定退回</source>
        <translation>Confirm return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單 {no}（{buyer}）的包裹未取件退回，訂單會取消，不需退款。請填寫退回原因：</source>
        <translation>The parcel of order {no} ({buyer}) came back uncollected: the order will be cancelled, with no refund. Why did it come back?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>例：超過 7 天未取件</source>
        <translation>e.g. not picked up within 7 days</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../dialogs/clerk_edit_dialogs.py" line="-36"/>
        <source>新增備註 — {0}</source>
        <translation>Add note — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>這則備註記在訂單 {0} 的取消申請上，只有店內人員看得到；新增後不能修改或刪除。</source>
        <translation>This note goes on the cancellation request of order {0}. Only the shop&apos;s staff see it; once added it cannot be changed or deleted.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>這則備註記在訂單 {0} 上，只有店內人員看得到；新增後不能修改或刪除。</source>
        <translation>This note goes on order {0}. Only the shop&apos;s staff see it; once added it cannot be changed or deleted.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>備註</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../views/order_actions.py" line="+289"/>
        <source>登錄付款通知</source>
        <extracomment>Whose orders: a cash-on-delivery order&apos;s only (True), a paid-first one&apos;s (False), any (None).</extracomment>
        <translation>Record payment notice</translation>
    </message>
    <message>
        <location filename="../../dialogs/bulk_dialogs.py" line="-131"/>
        <location filename="../../tour/order_dialogs.py" line="+106"/>
        <location filename="../../views/order_actions.py" line="+6"/>
        <source>確認付款</source>
        <translation>Confirm payment</translation>
    </message>
    <message>
        <location filename="../../views/order_actions.py" line="+3"/>
        <source>出貨</source>
        <translation>Ship</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缺貨</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>等待出貨</source>
        <translation>Awaiting shipment</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+62"/>
        <source>退訂申請</source>
        <translation>Request cancellation</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>{no}（{buyer}，{n} 次）</source>
        <translation>{no} ({buyer}, {n} times)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ 注意：這些訂購人（同一電話）以前有包裹未取件退回：{0}</source>
        <translation>⚠ Note: these buyers (same phone) let earlier parcels come back uncollected: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>接受貨到付款訂單 {0}？確認後訂單會移到「等待出貨」，由物流代收貨款。</source>
        <translation>Accept cash-on-delivery order {0}? It moves to &quot;Awaiting shipment&quot;; the carrier collects the money.</translation>
    </message>
    <message>
        <location line="+106"/>
        <location line="+45"/>
        <source>接單</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>貨到付款訂單 {0} 已接單，已移到「等待出貨」。</source>
        <translation>Cash-on-delivery order {0} was accepted and moved to &quot;Awaiting shipment&quot;.</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>接受以下 {0} 筆貨到付款訂單？確認後訂單會移到「等待出貨」，由物流代收貨款。</source>
        <translation>Accept these {0} cash-on-delivery orders? They move to &quot;Awaiting shipment&quot;; the carrier collects the money.</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>已取貨</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未取件退回</source>
        <translation>Returned uncollected</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>無法執行</source>
        <translation>Cannot do this</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>訂單 {no}：{reason}</source>
        <translation>Order {no}: {reason}</translation>
    </message>
    <message>
        <location filename="../../tour/order_dialogs.py" line="+20"/>
        <location filename="../../views/order_actions.py" line="-109"/>
        <source>已移到「{0}」</source>
        <translation>Moved to “{0}”</translation>
    </message>
    <message>
        <location filename="../../views/order_actions.py" line="-19"/>
        <source>付款成功</source>
        <extracomment>What the set-based service takes of a bulk form&apos;s input (default: the input itself).</extracomment>
        <translation>Payment confirmed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單 {0} 已付款成功，已移到「等待出貨」。</source>
        <translation>Order {0}: payment confirmed; moved to “Awaiting shipment”.</translation>
    </message>
    <message>
        <location filename="../../tour/order_dialogs.py" line="-10"/>
        <location filename="../../views/order_actions.py" line="+64"/>
        <source>以下 {0} 筆訂單的商品已有存貨？確認後訂單會回到「等待出貨」。</source>
        <translation>Are the goods of these {0} orders back in stock? They will move back to “Awaiting shipment”.</translation>
    </message>
    <message>
        <location filename="../../views/order_actions.py" line="-52"/>
        <source>訂單 {0} 的退訂申請已送出，需等待管理者審核。</source>
        <translation>The cancellation request for order {0} has been sent and waits for a manager&apos;s review.</translation>
    </message>
    <message>
        <location filename="../../tour/samples.py" line="+30"/>
        <source>ATM 轉帳</source>
        <translation>ATM transfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>宅配</source>
        <translation>Home delivery</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>王小明</source>
        <translation>Wang Xiaoming</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>示範商店</source>
        <translation>Demo shop</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>藍牙耳機</source>
        <translation>Bluetooth earphones</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>廠商延後到貨</source>
        <translation>Supplier delivery delayed</translation>
    </message>
    <message>
        <location filename="../../tour/order_dialogs.py" line="-61"/>
        <source>顧客來電告知已轉帳</source>
        <translation>Customer phoned to say they paid</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+6"/>
        <location line="+47"/>
        <source>黑貓宅急便</source>
        <translation>T-Cat</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>廠商延後到貨，預計兩週後補貨</source>
        <translation>Supplier delayed; restock expected in two weeks</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>商品缺貨，短期內無法出貨</source>
        <translation>Out of stock; cannot ship soon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>台北分行</source>
        <translation>Taipei branch</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>顧客少匯 200，已聯絡補款</source>
        <translation>Customer paid NT$200 short; asked to pay the rest</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>林志明</source>
        <translation>Lin Zhiming</translation>
    </message>
</context>
<context>
    <name>OrderDetailDialog</name>
    <message>
        <location filename="../../views/order_detail.py" line="+77"/>
        <source>檢視商品訂單資訊 — {0}</source>
        <translation>Order details — {0}</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>【新增備註】</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>【修改收件資訊】</source>
        <translation>Correct delivery details</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>訂單已出貨或已取消，不能修改收件資訊。</source>
        <translation>The order has shipped or is cancelled: its delivery details can no longer be corrected.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>檢視商品訂單資訊</source>
        <translation>Order details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到這筆訂單。</source>
        <translation>This order could not be found.</translation>
    </message>
</context>
<context>
    <name>OrderDetailView</name>
    <message>
        <location filename="../../widgets/order_detail.py" line="+63"/>
        <source>購買物品內容</source>
        <translation>Items purchased</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>規格</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>數量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>單價</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>小計</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>訂單明細</source>
        <translation>Order details</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+95"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="-94"/>
        <location line="+94"/>
        <source>訂單日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>商店名稱</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+92"/>
        <source>目前狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨方式</source>
        <translation>Shipping method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商品小計</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>運費</source>
        <translation>Shipping fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+87"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>（短收：{0}）</source>
        <translation> (short: {0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>實收金額</source>
        <translation>Amount received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨日期</source>
        <translation>Ship date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨資訊</source>
        <translation>Shipping details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺貨原因</source>
        <translation>Out-of-stock reason</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>付款通知</source>
        <translation>Payment notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{date} 轉帳 {amount}，帳號末五碼 {last5}</source>
        <translation>{amount} transferred on {date}, account ending {last5}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>訂購人資訊</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>電子郵件</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨地址</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取貨門市</source>
        <translation>Pickup store</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>訂單歷程</source>
        <translation>Order history</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>動作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原狀態</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新狀態</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作人員</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+92"/>
        <source>內容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>開啟物流業者的查件網頁</source>
        <translation>Open the carrier&apos;s tracking page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>複製</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>複製貨運單號</source>
        <translation>Copy the tracking number</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>此訂購人的其他訂單（同電話或電子郵件）</source>
        <translation>The buyer&apos;s other orders (same phone or e-mail)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>沒有其他訂單。</source>
        <translation>No other orders.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>按兩下開啟該筆訂單</source>
        <translation>Double-click to open the order</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+17"/>
        <source>發票</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>作廢</source>
        <translation>Void</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>折讓單</source>
        <translation>Allowance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>發票 {0}</source>
        <translation>Invoice {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>類別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>號碼</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>銷售額</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>稅額</source>
        <translation>Tax</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>總計</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>沒有發票</source>
        <translation>No invoice</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>發票 {no}（{date}，{period} 期）</source>
        <translation>Invoice {no} ({date}, period {period})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已作廢（{date}，{reason}）</source>
        <translation>voided ({date}, {reason})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已開立折讓單 {nos}，共 {total}，尚餘 {left}</source>
        <translation>allowances {nos}, {total} in all, {left} left</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>需作廢（仍在同一申報期）</source>
        <translation>to be voided (still in its VAT period)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>需開立折讓單（申報期已申報）</source>
        <translation>needs an allowance (its VAT period was filed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>需開立折讓單（申報期已過）</source>
        <translation>needs an allowance (its VAT period has passed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{head}：{state}</source>
        <translation>{head}: {state}</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../views/orders_page.py" line="-72"/>
        <source>訂單編號、訂購人姓名或電話</source>
        <extracomment>The row of an order that waited too long, and its days. Sorts by what no change alters: an order&apos;s number and date are set when it is placed.</extracomment>
        <translation>Order no., buyer name or phone</translation>
    </message>
    <message>
        <location line="+14"/>
        <source> 天</source>
        <extracomment>Days an order may wait before it is marked (the desk&apos;s setting, read once the page is built).</extracomment>
        <translation> days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已付款、等待出貨或缺貨的訂單，停在該狀態超過這個天數即以底色標示</source>
        <translation>Paid, awaiting-shipment or out-of-stock orders that have stayed in that status longer than this many days are shaded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>等待超過(&amp;W)</source>
        <translation>&amp;Waiting over</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>標示</source>
        <translation>highlighted</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>已等待 {0} 天，超過 {1} 天</source>
        <translation>Waiting {0} days, over {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已等待 {0} 天</source>
        <translation>Waiting {0} days</translation>
    </message>
</context>
<context>
    <name>OutOfStockDialog</name>
    <message>
        <location filename="../../dialogs/out_of_stock_dialog.py" line="+45"/>
        <source>缺貨 — {0}</source>
        <translation>Out of stock — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>確定缺貨</source>
        <translation>Mark out of stock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單 {no}（{buyer}）缺貨，請填寫缺貨原因：</source>
        <translation>Order {no} ({buyer}) is out of stock. Enter the reason:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺貨原因</source>
        <translation>Out-of-stock reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>例如：廠商延後到貨，預計兩週</source>
        <translation>e.g. Supplier delivery delayed by about two weeks</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../views/overview_page.py" line="+33"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近 30 天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自訂</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已付款待確認</source>
        <translation>Paid, unconfirmed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待出貨</source>
        <translation>Awaiting shipment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺貨</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待退款</source>
        <translation>Refund due</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>全部商店</source>
        <translation>All stores</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>【重新整理】</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>每日收款與退款</source>
        <translation>Received and refunded per day</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>付款方式（訂單金額）</source>
        <translation>Payment methods (order totals)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>目前等待天數</source>
        <translation>Days waiting now</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>收款</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>收款 {received}，退款 {refunded}，淨額 {net}（{first} ～ {last}）</source>
        <translation>Received {received}, refunded {refunded}, net {net} ({first} – {last})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>這段期間沒有訂單。</source>
        <translation>No orders in this period.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{method}：{orders} 筆，{amount}（{share}%）</source>
        <translation>{method}: {orders} orders, {amount} ({share}%)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>退款期限 {0} 天</source>
        <translation>Refund deadline {0} days</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{queue}：無</source>
        <translation>{queue}: none</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{queue}：{n} 筆，最久 {days} 天</source>
        <translation>{queue}: {n}, longest {days} days</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已逾退款期限：{0} 筆</source>
        <translation>Past the refund deadline: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} 天以上</source>
        <translation>{0}+ days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}–{1} 天</source>
        <translation>{0}–{1} days</translation>
    </message>
</context>
<context>
    <name>PaymentMethodDialog</name>
    <message>
        <location filename="../../dialogs/payment_method_dialog.py" line="+18"/>
        <source>修改付款方式</source>
        <translation>Edit payment method</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增付款方式</source>
        <translation>Add payment method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：ATM 轉帳</source>
        <translation>e.g. ATM transfer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>例如：請於下單後三日內轉帳至本店帳戶。</source>
        <translation>e.g. Please transfer to our account within three days of ordering.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款標題</source>
        <translation>Payment title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>信用卡以刷退退款（不需顧客帳戶）；轉帳、ATM、貨到付款以匯款退款</source>
        <translation>Cards are refunded by reversal (no customer account); transfers, ATM codes and cash on delivery by remittance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款方式</source>
        <translation>Refund channel</translation>
    </message>
</context>
<context>
    <name>PaymentMethodsPage</name>
    <message>
        <location filename="../../views/methods_page.py" line="+290"/>
        <source>付款方式</source>
        <translation>Payment methods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增付款方式</source>
        <translation>Add payment method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款標題</source>
        <translation>Payment title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已新增付款方式：{title}。</source>
        <translation>Payment method added: {title}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已修改付款方式：{title}。既有訂單保留原本的付款方式名稱。</source>
        <translation>Payment method updated: {title}. Existing orders keep their original payment method name.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刪除付款方式</source>
        <translation>Delete payment methods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確定要刪除下列 {count} 個付款方式？</source>
        <translation>Delete the following {count} payment method(s)?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已有訂單使用的付款方式不會真的刪除：改為封存，新訂單不能再選，既有訂單保留原名稱；可在「顯示已封存」中還原。</source>
        <translation>Payment methods used by orders are not really deleted: they are archived, so new orders cannot choose them and existing orders keep the original name. You can restore them under “Show archived”.</translation>
    </message>
</context>
<context>
    <name>PaymentNoticeDialog</name>
    <message>
        <location filename="../../dialogs/payment_notice_dialog.py" line="-39"/>
        <source>登錄付款通知 — {0}</source>
        <translation>Record payment notice — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登錄付款通知</source>
        <translation>Record payment notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單 {no}（{buyer}），訂單金額 {total}，付款方式：{method}</source>
        <translation>Order {no} ({buyer}), total {total}, payment method: {method}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>轉帳日期</source>
        <translation>Transfer date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：{0}</source>
        <translation>e.g. {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>帳號末五碼</source>
        <translation>Account last 5 digits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>付款帳號的最後五位數字</source>
        <translation>The last five digits of the paying account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>備註</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>選填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>金額少於訂單金額 {total}（短少 {gap}）；確認付款時需填寫短收原因，退款以實收金額為上限。</source>
        <translation>Below the order total {total} (short by {gap}); confirming the payment will need a shortfall reason, and refunds are capped at the amount received.</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../views/people_page.py" line="+32"/>
        <source>帳號</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>狀態</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建立時間</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>建立者</source>
        <translation>Created by</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>使用者管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>每位店員用自己的資料庫帳號登入；訂單歷程記錄的是登入的帳號，由資料庫寫入。停用的帳號不能再登入，他的歷程紀錄保留不變。</source>
        <translation>Every clerk signs in with a database login of their own; the database writes that login in the orders&apos; history. A disabled login can no longer sign in; its history stays as it is.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>新增使用者…</source>
        <translation>Add a person…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+52"/>
        <location line="+3"/>
        <location line="+2"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>可登入</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>新增使用者</source>
        <translation>Add a person</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>停用 {0}（{1}）？這個帳號將不能再登入，歷程紀錄保留不變。</source>
        <translation>Disable {0} ({1})? The login can no longer sign in; its history stays as it is.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../../dialogs/person_dialog.py" line="+17"/>
        <source>新增使用者</source>
        <translation>Add a person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在資料庫伺服器上建立這個人自己的登入帳號。店員可處理訂單、登錄付款、提出退訂申請與匯出；主管另可審核取消申請、退貨退款、管理付款與送貨方式及使用者。</source>
        <translation>Creates this person&apos;s own login on the database server. A clerk handles orders, records payments, requests cancellations and exports; a supervisor also reviews cancellation requests, returns and refunds, and manages the payment and shipping methods and the people.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>例：wang（小寫英文字母、數字、底線）</source>
        <translation>e.g. wang (lower-case letters, digits, underscores)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>例：王小明</source>
        <translation>e.g. Wang Xiaoming</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>帳號</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密碼</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再輸入一次密碼</source>
        <translation>Password again</translation>
    </message>
</context>
<context>
    <name>PickedUpDialog</name>
    <message>
        <location filename="../../dialogs/cod_dialogs.py" line="-28"/>
        <source>已取貨 — {0}</source>
        <translation>Picked up — {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取貨（{0} 筆）</source>
        <translation>Picked up ({0} orders)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確定已取貨</source>
        <translation>Confirm pickup</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>訂單 {0} 的買家已取貨並付款給物流，貨款由物流代收後撥付。請填寫取貨日期：</source>
        <translation>The buyer of order {0} picked up the parcel and paid the carrier, who will pay the money over. When was it picked up?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>取貨日期</source>
        <translation>Pickup date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不能早於出貨日期 {0}，也不能晚於今天。</source>
        <translation>Not before the ship date {0}, and not after today.</translation>
    </message>
</context>
<context>
    <name>Pickup</name>
    <message>
        <location filename="../../domain/pickup.py" line="-45"/>
        <source>7-ELEVEN</source>
        <translation>7-ELEVEN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全家</source>
        <translation>FamilyMart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>萊爾富</source>
        <translation>Hi-Life</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PickupStoreDialog</name>
    <message>
        <location filename="../../dialogs/clerk_edit_dialogs.py" line="+56"/>
        <source>修改取貨門市 — {0}</source>
        <translation>Change pickup store — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>儲存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨前可以更換取貨門市；每項變更的舊值與新值都會記在訂單歷程。</source>
        <translation>The pickup store can be changed before shipping; each change&apos;s old and new value is kept in the order history.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>門市代碼</source>
        <translation>Store code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>門市名稱</source>
        <translation>Store name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>門市地址</source>
        <translation>Store address</translation>
    </message>
</context>
<context>
    <name>PrintAction</name>
    <message>
        <location filename="../../views/print_action.py" line="+69"/>
        <source>出貨單</source>
        <translation>Packing slips</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨單(&amp;S)…</source>
        <translation>Packing &amp;slips…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>揀貨單</source>
        <translation>Pick list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>揀貨單(&amp;K)…</source>
        <translation>Pic&amp;k list…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>列印出貨單…</source>
        <translation>Print packing slips…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列印揀貨單…</source>
        <translation>Print pick list…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>列印出貨單(&amp;P)…</source>
        <translation>&amp;Print packing slips…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>列印揀貨單(&amp;K)…</source>
        <translation>Print pic&amp;k list…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>預覽列印(&amp;V)</source>
        <translation>Print pre&amp;view</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>存成 PDF(&amp;D)</source>
        <translation>Save as P&amp;DF</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>紙張大小(&amp;Z)</source>
        <translation>Paper si&amp;ze</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+18"/>
        <location line="+41"/>
        <source>列印{0}</source>
        <translation>Print: {0}</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>請先在「訂單管理」的清單選取要列印的訂單。</source>
        <translation>First select the orders to print in a list of “Orders”.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已列印 {0} 筆訂單的{1}</source>
        <translation>{1} of {0} orders printed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>：{0}</source>
        <translation>: {0}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>預覽列印：{0}</source>
        <translation>Print preview: {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>存成 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>無法寫入「{0}」：{1}</source>
        <translation>Cannot write “{0}”: {1}</translation>
    </message>
</context>
<context>
    <name>QueueTab</name>
    <message>
        <location filename="../../views/invoices_page.py" line="-176"/>
        <source>顯示最早的 {0:,} 筆，共 {1:,} 筆</source>
        <translation>Showing the oldest {0:,} of {1:,}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 {0:,} 筆</source>
        <translation>{0:,} in all</translation>
    </message>
</context>
<context>
    <name>RefundDoneDialog</name>
    <message>
        <location filename="../../dialogs/refund_dialogs.py" line="+13"/>
        <source>退款成功 — {0}</source>
        <translation>Refund done — {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>部分退款原因</source>
        <translation>Partial refund reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金額少於應退金額時必填；其餘款項留待之後退還或註銷</source>
        <translation>Required when less than owed; the rest is refunded later or written off</translation>
    </message>
</context>
<context>
    <name>RefundFailedDialog</name>
    <message>
        <location line="+23"/>
        <source>退款失敗 — {0}</source>
        <translation>Refund failed — {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退款失敗原因</source>
        <translation>Why the refund failed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>例如：帳號與戶名不符，款項遭退回</source>
        <translation>e.g. Account number and name did not match; the money came back</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../dialogs/invoice_dialogs.py" line="+49"/>
        <source>匯出發票明細帳</source>
        <translation>Export invoice register</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>選擇檔案並匯出…</source>
        <translation>Choose a file and export…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>發票、作廢與折讓的明細，以及營業稅申報需要的合計。</source>
        <translation>Invoices, voids and allowances, with the sums the VAT return needs.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申報期別</source>
        <translation>VAT period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期區間</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>期別</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>從</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到</source>
        <translation>To</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../dialogs/review_dialogs.py" line="+11"/>
        <source>審核不通過 — {0}</source>
        <translation>Reject — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>客服編號</source>
        <translation>Customer-service no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：CS-0001</source>
        <translation>e.g. CS-0001</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不通過原因</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>會記錄在審核狀況與訂單歷程</source>
        <translation>Recorded in the review and in the order history</translation>
    </message>
</context>
<context>
    <name>RemittanceDialog</name>
    <message>
        <location filename="../../dialogs/remittance_dialog.py" line="-91"/>
        <source>登錄撥款</source>
        <translation>Record remittance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登錄</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>例如 撥款單號、匯款帳號末五碼</source>
        <translation>e.g. the remittance number, last five digits of the account</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{no}&#x3000;{who}&#x3000;{amount}</source>
        <translation>{no}   {who}   {amount}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>物流業者</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撥款日期</source>
        <translation>Remitted on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>實收金額</source>
        <translation>Amount received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手續費</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撥款參考號碼</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>包含的訂單</source>
        <translation>Orders covered</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>對帳單：{0}</source>
        <translation>Statement: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {row} 列 {key}：找不到這筆貨到付款訂單</source>
        <translation>Row {row} {key}: no such cash-on-delivery order</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第 {row} 列 {no}：已對帳，不重複對帳</source>
        <translation>Row {row} {no}: already reconciled, not matched twice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第 {row} 列：{error}</source>
        <translation>Row {row}: {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第 {row} 列 {no}：對帳單 {amount}，訂單代收 {collected}</source>
        <translation>Row {row} {no}: statement {amount}, order collected {collected}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>短少 {0}</source>
        <translation>Short {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>溢收 {0}</source>
        <translation>Overpaid {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>相符</source>
        <translation>Matches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單代收合計 {collected}；實收＋手續費 {paid}：{state}</source>
        <translation>Orders collected {collected}; received + fee {paid}: {state}</translation>
    </message>
</context>
<context>
    <name>RemittancesPage</name>
    <message>
        <location filename="../../views/remittances_page.py" line="+37"/>
        <source>短少 {0}</source>
        <translation>Short {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>溢收 {0}</source>
        <translation>Overpaid {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>相符</source>
        <translation>Matches</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>物流業者</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>託運單號</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取貨日期</source>
        <translation>Pickup date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已過天數</source>
        <translation>Days since</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代收金額</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撥款日期</source>
        <translation>Remitted on</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>訂單數</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單代收</source>
        <translation>Orders collected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>實收金額</source>
        <translation>Amount received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手續費</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>短少／溢收</source>
        <translation>Short / over</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撥款參考號碼</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登錄者</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+56"/>
        <source>登錄撥款</source>
        <translation>Record remittance</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>匯入對帳單…</source>
        <translation>Import statement…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>已取貨、物流尚未撥款 ({0})，合計 {1}</source>
        <translation>Picked up, not yet remitted by the carrier ({0}), total {1}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>撥款紀錄 ({0})</source>
        <translation>Remittances ({0})</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+7"/>
        <source>匯入對帳單</source>
        <translation>Import statement</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>對帳單 (*.xlsx *.csv)</source>
        <translation>Statements (*.xlsx *.csv)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../views/reports_page.py" line="-313"/>
        <source>日期</source>
        <extracomment>The events table&apos;s columns: header, how a row shows, whether it is money (right-aligned).</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>類別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收付金額</source>
        <translation>Money in/out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>參考金額</source>
        <translation>Amount noted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>參考號碼</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收款帳戶</source>
        <translation>Payee account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作人員</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>備註</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收款</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>淨額</source>
        <translation>Net</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>依付款方式</source>
        <extracomment>What the sums can be grouped by: (``ledger.totals``&apos;s ``by``, label).</extracomment>
        <translation>By payment method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依商店</source>
        <translation>By store</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依日期</source>
        <translation>By day</translation>
    </message>
    <message>
        <location line="+302"/>
        <source>帳務明細</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>概況</source>
        <translation>Overview</translation>
    </message>
</context>
<context>
    <name>ReturnDoneDialog</name>
    <message>
        <location filename="../../dialogs/return_dialogs.py" line="+108"/>
        <source>退貨完成 — {0}</source>
        <extracomment>The void or allowance of the order&apos;s invoice recorded with the step (None: later).</extracomment>
        <translation>Return done — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>是否退回發票</source>
        <translation>Invoice returned?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回商品是否完好</source>
        <translation>Returned goods intact?</translation>
    </message>
</context>
<context>
    <name>ReturnFailedDialog</name>
    <message>
        <location line="+18"/>
        <source>退貨失敗 — {0}</source>
        <translation>Return failed — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>是否退回發票</source>
        <translation>Invoice returned?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回商品是否完好</source>
        <translation>Returned goods intact?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退貨失敗原因</source>
        <translation>Why the return failed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>例如：顧客未在約定時間交回商品</source>
        <translation>e.g. The customer did not hand back the goods by the agreed time</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../domain/people.py" line="-68"/>
        <source>店員</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主管</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>管理者</source>
        <extracomment>The login that owns the tables (the one migrations use) or a single-desk SQLite file: everything is allowed.</extracomment>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>需要主管權限：{login} 是店員，這個操作只有主管能做。</source>
        <extracomment>Why a clerk&apos;s window disables a supervisor&apos;s action (its tooltip, and the message when asked).</extracomment>
        <translation>Needs a supervisor: {login} is a clerk, and only a supervisor may do this.</translation>
    </message>
    <message>
        <location filename="../../views/session.py" line="+83"/>
        <source>需要主管權限</source>
        <extracomment>The actions only a supervisor may use (their object names in the pages): the review of cancellation requests, returns, refunds, closing, their invoices&apos; voids and allowances, the payment and shipping methods, the shop&apos;s invoice setting, people. Emitted with an ``OpChanges`` (``OpChanges.all()`` for &quot;reload everything&quot;). What was just done, for the status bar (&quot;已完成「出貨」：訂單 O…&quot;). Who this desk signed in as on a server (read from the database); None on SQLite.</extracomment>
        <translation>Needs a supervisor</translation>
    </message>
</context>
<context>
    <name>Runner</name>
    <message>
        <location filename="../../views/runner.py" line="+134"/>
        <source>已完成「{0}」：訂單 {1}</source>
        <extracomment>The bulk jobs running (``run_bulk``).</extracomment>
        <translation>Done: “{0}”, order {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已完成「{0}」：{1} 筆訂單</source>
        <translation>Done: “{0}”, {1} order(s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（{0} 筆未完成）</source>
        <translation> ({0} not done)</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>按「重試」再試一次：已儲存的操作不會重複儲存。</source>
        <translation>Press Retry to try again: an action already saved is not saved twice.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>重試</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+102"/>
        <source>沒有完成（{0}）</source>
        <translation>Not done ({0})</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>正在處理 {0} 筆訂單…</source>
        <translation>Processing {0} orders…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
</context>
<context>
    <name>SavedViews</name>
    <message>
        <location filename="../../views/saved_views.py" line="+56"/>
        <source>檢視(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>儲存檢視…</source>
        <translation>Save view…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刪除檢視</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>（未儲存的檢視）</source>
        <translation>(unsaved view)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>儲存檢視</source>
        <translation>Save view</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>檢視名稱（同名的檢視會被取代）：</source>
        <translation>View name (a view of the same name is replaced):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已儲存檢視「{0}」</source>
        <translation>View “{0}” saved</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已刪除檢視「{0}」</source>
        <translation>View “{0}” deleted</translation>
    </message>
</context>
<context>
    <name>ServerLogin</name>
    <message>
        <location filename="../../views/server_login.py" line="+45"/>
        <source>請輸入資料庫伺服器帳號 {0} 的密碼：</source>
        <extracomment>Words of PostgreSQL&apos;s and MariaDB&apos;s drivers when a login needs a (right) password.</extracomment>
        <translation>Password of the database server account {0}:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>無法連線：{0}
請再輸入一次帳號 {1} 的密碼：</source>
        <translation>Cannot connect: {0}
Enter the password of the account {1} again:</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+8"/>
        <source>資料庫連線</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>無法把密碼存入系統的鑰匙圈（{0}），下次開啟時會再詢問。</source>
        <translation>The password could not be stored in the system keychain ({0}); you will be asked for it next time.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../views/session.py" line="+14"/>
        <source>未設定操作人員，動作沒有執行：每一筆訂單歷程都要記錄是誰做的。</source>
        <translation>No clerk name set, nothing was done: every order&apos;s history records who did it.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+10"/>
        <source>操作人員</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>請輸入您的姓名（會記錄在每一筆訂單歷程）：</source>
        <translation>Your name (recorded in the history of every order you handle):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>姓名不能空白：每一筆訂單歷程都要記錄是誰做的。請輸入您的姓名，或按【取消】不執行。</source>
        <translation>The name cannot be empty: every order&apos;s history records who did it. Enter your name, or press Cancel to do nothing.</translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <location filename="../../dialogs/ship_dialog.py" line="-19"/>
        <source>出貨 — {0}</source>
        <translation>Ship — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>出貨</source>
        <translation>Ship</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單 {no}（{buyer}，{method}）的出貨資訊：</source>
        <translation>Shipping details for order {no} ({buyer}, {method}):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>出貨日期</source>
        <translation>Ship date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能早於訂單日期 {0}，也不能晚於今天。</source>
        <translation>Not before the order date {0} and not after today.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;出貨資訊&lt;/b&gt;</source>
        <translation>&lt;b&gt;Shipping details&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>物流業者</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>例如：{0}</source>
        <translation>e.g. {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>貨運單號</source>
        <translation>Tracking no.</translation>
    </message>
</context>
<context>
    <name>ShippingMethodDialog</name>
    <message>
        <location filename="../../dialogs/shipping_method_dialog.py" line="+47"/>
        <source>修改送貨方式</source>
        <translation>Edit shipping method</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增送貨方式</source>
        <translation>Add shipping method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：宅配</source>
        <translation>e.g. Home delivery</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>整數元，例如 120</source>
        <translation>Whole dollars, e.g. 120</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>留空表示不提供免運費</source>
        <translation>Leave empty for no free shipping</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>例如：週一至週五出貨，約 2 至 3 天送達。</source>
        <translation>e.g. Ships Monday to Friday; delivered in about 2 to 3 days.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>送貨標題</source>
        <translation>Shipping title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>運費</source>
        <translation>Shipping fee</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>免運費條件</source>
        <translation>Free shipping over</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>宅配／郵寄（送到地址）</source>
        <translation>Home delivery / post (to an address)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>超商取貨：{0}</source>
        <translation>Store pickup: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>取貨方式</source>
        <translation>Pickup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>輸入商品小計，例如 999</source>
        <translation>Enter a subtotal, e.g. 999</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>運費試算</source>
        <translation>Shipping fee preview</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>商品小計</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>應收運費</source>
        <translation>Shipping charged</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>填入正確的運費與免運費條件後，這裡會說明免運規則。</source>
        <translation>Enter a valid fee and free-shipping threshold to see the free-shipping rule here.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>運費 NT$0：每筆訂單都免運費。</source>
        <translation>Shipping fee NT$0: every order ships free.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不提供免運費：每筆訂單收運費 {fee}。</source>
        <translation>No free shipping: every order pays {fee} shipping.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>商品小計達 {threshold} 的訂單免運費；未達者收運費 {fee}。</source>
        <translation>Orders with a subtotal of {threshold} or more ship free; others pay {fee} shipping.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>輸入商品小計即可試算。</source>
        <translation>Enter a subtotal to preview the shipping fee.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>請先填寫正確的運費與免運費條件。</source>
        <translation>Enter a valid fee and free-shipping threshold first.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>運費 {fee}，訂單總計 {total}</source>
        <translation>Shipping {fee}, order total {total}</translation>
    </message>
</context>
<context>
    <name>ShippingMethodsPage</name>
    <message>
        <location filename="../../views/methods_page.py" line="+17"/>
        <source>送貨方式</source>
        <translation>Shipping methods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增送貨方式</source>
        <translation>Add shipping method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨標題</source>
        <translation>Shipping title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已新增送貨方式：{title}。</source>
        <translation>Shipping method added: {title}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已修改送貨方式：{title}。既有訂單保留原本的送貨方式名稱與運費。</source>
        <translation>Shipping method updated: {title}. Existing orders keep their original shipping method name and fee.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刪除送貨方式</source>
        <translation>Delete shipping methods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確定要刪除下列 {count} 個送貨方式？</source>
        <translation>Delete the following {count} shipping method(s)?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已有訂單使用的送貨方式不會真的刪除：改為封存，新訂單不能再選，既有訂單保留原名稱與運費；可在「顯示已封存」中還原。</source>
        <translation>Shipping methods used by orders are not really deleted: they are archived, so new orders cannot choose them and existing orders keep the original name and fee. You can restore them under “Show archived”.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../dialogs/shortcuts_dialog.py" line="+19"/>
        <source>快速鍵</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>動作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按鍵</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>Slips</name>
    <message>
        <location filename="../../widgets/paper.py" line="+14"/>
        <source>A4</source>
        <extracomment>Each size&apos;s name, untranslated (context &quot;Slips&quot;), in the order the menu offers them.</extracomment>
        <translation>A4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>10×15 cm 標籤</source>
        <translation>10×15 cm label</translation>
    </message>
    <message>
        <location filename="../../widgets/slips.py" line="+47"/>
        <source>商品</source>
        <extracomment>The page sizes offered: key (``--size`` and the setting) -&gt; (label, size, margin in mm). The tables&apos; column headers.</extracomment>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>規格</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>單價</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>數量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小計</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已揀</source>
        <translation>Picked</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>出貨單</source>
        <extracomment>Narrower than this (mm), a page gets the label&apos;s compact layout. The barcode&apos;s module (its narrowest bar) at most, in mm: 0.33 mm is Code 128&apos;s usual &quot;13 mil&quot;. Faces with every character of a slip, tried in order (Linux, Windows, macOS). Latin faces with no CJK characters (Linux, Windows, macOS), so those fall through to CJK_FAMILIES.</extracomment>
        <translation>Packing slip</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（續）</source>
        <translation> (continued)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂購人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨地址</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨方式</source>
        <translation>Shipping method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>商品小計</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>運費</source>
        <translation>Shipping fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>共 {0} 件</source>
        <translation>{0} items in all</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{0}&#x3000;第 {1}／{2} 頁</source>
        <translation>{0}  page {1} of {2}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{0} 筆訂單，{1} 種商品，共 {2} 件&#x3000;列印時間：{3}</source>
        <translation>{0} orders, {1} products, {2} items in all.  Printed {3}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>揀貨單</source>
        <translation>Pick list</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>揀貨單&#x3000;第 {0}／{1} 頁</source>
        <translation>Pick list  page {0} of {1}</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../domain/statuses.py" line="-73"/>
        <source>未付款</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已付款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待出貨</source>
        <translation>Awaiting shipment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>配送中／待取貨</source>
        <extracomment>A cash-on-delivery parcel on its way, or waiting at the store for its buyer.</extracomment>
        <translation>In delivery / awaiting pickup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺貨</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消處理中</source>
        <translation>Cancelling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>等待審核</source>
        <translation>Pending review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待退貨</source>
        <translation>Awaiting return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨失敗</source>
        <translation>Return failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚未退款</source>
        <translation>Refund pending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款失敗</source>
        <translation>Refund failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消完成</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不通過</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已結案</source>
        <extracomment>Closed by a supervisor (【結案】) without a refund: goods not recovered, money kept.</extracomment>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>StatusTabsPage</name>
    <message>
        <location filename="../../views/status_page.py" line="+251"/>
        <source>下一個分頁</source>
        <extracomment>The most rows ``count`` reads on the UI thread (its ``within``); a search or filter that would read more is counted off it (``StatusTabsPage.all_counts``). None: always at once. Whether each tab&apos;s table is built when the tab is first shown (else all with the page). The filters the tabs not built yet take when built (those of the last ``apply_filters``). A tab&apos;s header as saved (``restore_state``) and a saved view&apos;s sort, for a tab not built yet. The last counts taken before a change (shown, as ``Counting``, while they are taken again off the UI thread), the count running there and its filter, and the changes seen (a count started before one is taken again when it ends). Why the last count taken off the UI thread failed (None: it did not), until the counts are asked for again (``_count_failed``). The filters counted again once the desk has rested (``_rest_then_count``), and the timer of that rest (made when first needed).</extracomment>
        <translation>Next tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一個分頁</source>
        <translation>Previous tab</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第 {0} 個分頁</source>
        <translation>Tab {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>搜尋</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+269"/>
        <source>各分頁的筆數未能計算：{0}
按 F5 重新整理，再計算一次。</source>
        <translation>The tabs&apos; counts could not be taken: {0}
Press F5 to refresh and count again.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>各分頁的筆數計算中…</source>
        <translation>Counting the orders of each tab…</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <location filename="../../domain/tabs.py" line="-42"/>
        <source>訂單清單</source>
        <translation>All orders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未付款清單</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已付款清單</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待出貨</source>
        <translation>Awaiting shipment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>配送中／待取貨</source>
        <translation>In delivery / awaiting pickup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺貨訂單</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已完成訂單</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>取消訂單審核</source>
        <translation>Pending review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待退貨</source>
        <translation>Awaiting return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退貨失敗</source>
        <translation>Return failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚未退款</source>
        <translation>Refund pending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退款失敗</source>
        <translation>Refund failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消完成訂單</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部申請</source>
        <translation>All requests</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <location filename="../../tour/clerk_edits.py" line="+25"/>
        <source>顧客來電：週末不在家，請改週一下午送達</source>
        <translation>The customer called: not at home at the weekend, please deliver on Monday afternoon</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>陳怡君</source>
        <translation>Chen Yijun</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>台中市西屯區台灣大道三段 99 號 5 樓</source>
        <translation>5F, No. 99, Sec. 3, Taiwan Blvd., Xitun Dist., Taichung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>09 電話</source>
        <translation>09 phone</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../dialogs/invoice_dialogs.py" line="-115"/>
        <source>作廢發票 — {0}</source>
        <translation>Void invoice — {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>作廢發票</source>
        <translation>Void invoice</translation>
    </message>
</context>
<context>
    <name>WriteOffDialog</name>
    <message>
        <location filename="../../dialogs/settle_dialogs.py" line="+43"/>
        <source>註銷未退餘額 — {0}</source>
        <translation>Write off the rest — {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已退 {refunded}，尚未退還的 {rest} 將註銷不退，申請隨即完成。</source>
        <translation>{refunded} refunded; the {rest} still owed will be written off and the request completed.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>註銷原因</source>
        <translation>Write-off reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：顧客同意扣除運費</source>
        <translation>e.g. the customer agreed to keep the shipping fee deducted</translation>
    </message>
</context>
<context>
    <name>YesNo</name>
    <message>
        <location filename="../../dialogs/return_dialogs.py" line="-103"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
</TS>
