<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_TW">
<context>
    <name>Action</name>
    <message>
        <location filename="../../app/domain/statuses.py" line="+95"/>
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
        <location line="+1"/>
        <source>取消申請不通過</source>
        <translation>Cancellation rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消完成</source>
        <translation>Cancellation completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新訂單</source>
        <translation>New order</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
        <source>提出取消申請</source>
        <translation>Cancellation requested</translation>
    </message>
</context>
<context>
    <name>CancellationsPage</name>
    <message>
        <location filename="../../app/views/cancellations_page.py" line="+62"/>
        <source>申請日期</source>
        <translation>Request date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單編號、訂購人、電話或取消原因</source>
        <translation>Order no., buyer, phone or cancellation reason</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location line="-40"/>
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
        <location filename="../../app/views/order_columns.py" line="+17"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
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
        <location filename="../../app/views/order_columns.py" line="+5"/>
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
        <location line="+1"/>
        <source>處理狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/views/order_columns.py" line="-4"/>
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
        <location line="+1"/>
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/domain/errors.py" line="+32"/>
        <source>目前狀態為「{status}」，不能執行「{action}」。</source>
        <translation>“{action}” is not possible while the status is “{status}”.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>訂單 {number} 的取消申請已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。</source>
        <translation>The cancellation request for order {number} was changed by {who} at {when}, so nothing was saved. Check the updated details and try again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>訂單 {number} 已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。</source>
        <translation>Order {number} was changed by {who} at {when}, so nothing was saved. Check the updated details and try again.</translation>
    </message>
    <message>
        <location filename="../../app/domain/inputs.py" line="+22"/>
        <location line="+13"/>
        <location line="+28"/>
        <location filename="../../app/services/cancellations.py" line="+238"/>
        <location filename="../../app/services/methods.py" line="+47"/>
        <source>此欄位必填。</source>
        <translation>This field is required.</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>轉帳日期不能早於訂單日期。</source>
        <translation>The transfer date cannot be before the order date.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/services/cancellations.py" line="-11"/>
        <source>金額必須大於零。</source>
        <translation>The amount must be more than zero.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>帳號末五碼必須是五位數字。</source>
        <translation>Enter exactly five digits for the account&apos;s last 5 digits.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>出貨日期不能早於訂單日期。</source>
        <translation>The ship date cannot be before the order date.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>出貨日期不能晚於今天。</source>
        <translation>The ship date cannot be after today.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>銀行代碼必須是三位數字。</source>
        <translation>The bank code must be 3 digits.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>帳號必須是 6 到 16 位數字。</source>
        <translation>The account number must be 6 to 16 digits.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已付款的訂單必須填寫退款匯款資料。</source>
        <translation>A paid order needs the bank details for the refund.</translation>
    </message>
    <message>
        <location filename="../../app/domain/money.py" line="+25"/>
        <source>請填寫金額。</source>
        <translation>Enter an amount.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <location line="+2"/>
        <location line="+13"/>
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
        <location line="-5"/>
        <location line="+8"/>
        <source>金額不能是負數。</source>
        <translation>The amount cannot be negative.</translation>
    </message>
    <message>
        <location filename="../../app/services/cancellations.py" line="-65"/>
        <source>請選擇是或否。</source>
        <translation>Choose Yes or No.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>退款金額不能超過已付金額 NT${paid:,}。</source>
        <translation>The refund cannot exceed the amount paid, NT${paid:,}.</translation>
    </message>
    <message>
        <location filename="../../app/services/common.py" line="+41"/>
        <source>請先設定操作人員姓名。</source>
        <translation>Set the clerk&apos;s name first.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>找不到訂單 {id}。</source>
        <translation>Order {id} not found.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>找不到取消申請 {id}。</source>
        <translation>Cancellation request {id} not found.</translation>
    </message>
    <message>
        <location filename="../../app/services/orders.py" line="+121"/>
        <source>訂單至少要有一項商品。</source>
        <translation>An order needs at least one item.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>數量必須是正整數。</source>
        <translation>The quantity must be a whole number above zero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>單價不能是負數。</source>
        <translation>The unit price cannot be negative.</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+6"/>
        <source>訂單編號 {no} 已存在。</source>
        <translation>Order no. {no} already exists.</translation>
    </message>
    <message>
        <location filename="../../app/services/methods.py" line="+3"/>
        <source>標題不能超過 {max} 個字。</source>
        <translation>The title cannot be longer than {max} characters.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+93"/>
        <source>已有名為「{title}」的付款方式，請換一個標題。</source>
        <translation>A payment method named “{title}” already exists; choose another title.</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+81"/>
        <source>已有名為「{title}」的送貨方式，請換一個標題。</source>
        <translation>A shipping method named “{title}” already exists; choose another title.</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>找不到付款方式 {id}。</source>
        <translation>Payment method {id} not found.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>找不到送貨方式 {id}。</source>
        <translation>Shipping method {id} not found.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../app/views/filter_bar.py" line="+42"/>
        <source>全部商店</source>
        <translation>All stores</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>搜尋</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>商店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>搜尋：{0}</source>
        <translation>Search: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>日期：{0} ～ {1}</source>
        <translation>Date: {0} – {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>商店：{0}</source>
        <translation>Store: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>無</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../app/dialogs/form.py" line="+66"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../app/views/format.py" line="+71"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>Input</name>
    <message>
        <location filename="../../app/views/order_detail.py" line="+30"/>
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
        <location line="+4"/>
        <source>顧客</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理人員</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>ListTab</name>
    <message>
        <location filename="../../app/views/list_tab.py" line="+56"/>
        <source>查詢</source>
        <translation>View</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter 或按兩下</source>
        <translation>Enter or double-click</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/views/main_window.py" line="+36"/>
        <source>OrderDesk 訂單管理後台</source>
        <translation>OrderDesk Order Back Office</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>商品訂單</source>
        <translation>Shop orders</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>訂單管理</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消訂單</source>
        <translation>Cancellations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款方式</source>
        <translation>Payment methods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送貨方式</source>
        <translation>Shipping methods</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>檔案</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新整理</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>結束</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作人員…</source>
        <translation>Clerk…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>說明</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
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
        <location line="+4"/>
        <source>操作人員：{0}</source>
        <translation>Clerk: {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（未設定）</source>
        <translation>(not set)</translation>
    </message>
</context>
<context>
    <name>OrderDetailDialog</name>
    <message>
        <location filename="../../app/views/order_detail.py" line="+129"/>
        <source>檢視商品訂單資訊 — {0}</source>
        <translation>Order details — {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <location line="-88"/>
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
        <source>商店名稱</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目前狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>訂單金額</source>
        <translation>Order total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出貨日期</source>
        <translation>Ship date</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <source>訂單歷程</source>
        <translation>Order history</translation>
    </message>
    <message>
        <location line="+4"/>
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
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../app/views/orders_page.py" line="+22"/>
        <source>訂單日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單編號、訂購人姓名或電話</source>
        <translation>Order no., buyer name or phone</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/views/session.py" line="+37"/>
        <source>操作人員</source>
        <extracomment>Emitted with the service&apos;s ``Change`` (or any object with ``order_statuses`` / ``cancel_statuses``), or with ``None`` for &quot;reload everything&quot;.</extracomment>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>請輸入您的姓名（會記錄在每一筆訂單歷程）：</source>
        <translation>Your name (recorded in the history of every order you handle):</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../app/domain/statuses.py" line="-86"/>
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
        <translation>Cancellation in progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+38"/>
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
</context>
<context>
    <name>Tabs</name>
    <message>
        <location filename="../../app/domain/tabs.py" line="+30"/>
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
        <source>缺貨訂單</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已完成訂單</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+32"/>
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
</TS>
