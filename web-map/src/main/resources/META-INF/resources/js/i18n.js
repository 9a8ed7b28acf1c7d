// All user-facing strings of the Gridmap pages, in Chinese (default) and English.
// The language comes from ?lang=zh|en, else from localStorage, else Chinese; the choice is
// remembered. Elements with data-i18n="key" get their text from here (never as HTML).

const STORAGE_KEY = 'gridmap.lang';
const LANGS = ['zh', 'en'];

const MESSAGES = {
  zh: {
    'app.title': 'Gridmap 网格地图',
    'app.name': '网格地图',
    'app.tagline': '社区网格化治理：查看本区每个网格的边界、网格员与服务驿站，点击网格查看公示牌。',
    'map.title': '调度地图',
    'nav.home': '首页',
    'nav.map': '地图',
    'nav.ogc': 'OGC API',
    'nav.lookup': '网格查询接口示例',
    'nav.health': '运行状态',
    'lang.switch': 'EN',
    'lang.switchLabel': 'Switch to English',
    'layer.osm': 'OpenStreetMap 地图',
    'layer.blank': '空白底图',
    'layer.grids': '网格',
    'layer.streets': '街道边界',
    'layer.stations': '服务驿站',
    'legend.title': '街道/乡镇',
    'status.loading': '正在加载网格…',
    'status.count': '{count} 个网格',
    'status.failed': '{what}加载失败：{message}',
    'status.network': '网络错误',
    'what.grids': '网格',
    'what.streets': '街道边界',
    'what.stations': '服务驿站',
    'grid.code': '网格编码',
    'grid.type': '类型',
    'grid.households': '户数',
    'grid.population': '人口',
    'grid.community': '社区/村',
    'grid.street': '街道/乡镇',
    'grid.staff': '网格公示',
    'grid.noStaff': '暂无公示人员',
    'grid.hotline': '服务热线',
    'grid.call': '拨打 {phone}',
    'type.urban': '城镇网格',
    'type.rural': '农村网格',
    'type.special': '专属网格',
    'role.grid_head': '网格长',
    'role.full_time': '专职网格员',
    'role.part_time': '兼职网格员',
    'role.party_leader': '党小组组长',
    'role.police': '民警/辅警',
    'role.property': '物业网格员',
    'role.mediator': '调解员',
    'role.other': '其他',
    'station.type': '类型',
    'station.address': '地址',
    'station.hours': '开放时间',
    'station.phone': '电话',
    'station.services': '服务',
    'inc.count': '{count} 起事件',
    'inc.countOf': '{count} 起事件（共 {total} 起）',
    'inc.loading': '正在加载事件…',
    'inc.failed': '事件加载失败：{message}',
    'inc.what': '事件',
    'inc.layer': '事件',
    'inc.live': '实时更新',
    'inc.offline': '实时连接中断，正在重连…',
    'inc.newArrived': '新事件：{matter}',
    'inc.updated': '事件已更新：{matter}',
    'filter.title': '事件筛选',
    'filter.toggle': '筛选',
    'filter.status': '状态',
    'filter.matter': '事项类别',
    'filter.department': '责任部门',
    'filter.street': '街道/乡镇',
    'filter.grid': '网格编码',
    'filter.gridPlaceholder': '如 230402001001001',
    'filter.from': '上报时间从',
    'filter.to': '至',
    'filter.defaultWindow': '不填时默认近 90 天',
    'filter.overdue': '只看超时',
    'filter.all': '全部',
    'filter.reset': '重置筛选',
    'acting.title': '我的身份',
    'acting.name': '姓名',
    'acting.role': '角色',
    'acting.defaultName': '调度员',
    'actor.dispatcher': '调度员',
    'actor.department': '职能部门',
    'actor.grid_worker': '网格员',
    'actor.public': '群众',
    'actor.system': '系统',
    'actor.admin': '管理员',
    'status.reported': '待受理',
    'status.registered': '已受理',
    'status.rejected': '已驳回',
    'status.dispatched': '已派单',
    'status.handling': '处置中',
    'status.handled': '已处置',
    'status.verified': '已核查',
    'status.closed': '已办结',
    'group.new': '新上报',
    'group.progress': '办理中',
    'group.done': '已办结',
    'group.rejected': '已驳回',
    'deadline.on_time': '未超时',
    'deadline.due_soon': '即将超时',
    'deadline.overdue': '已超时',
    'deadline.met': '按时办结',
    'deadline.missed': '超时办结',
    'deadline.left': '剩余 {time}',
    'deadline.over': '已超时 {time}',
    'duration.d': '{n}天',
    'duration.h': '{n}小时',
    'duration.m': '{n}分钟',
    'legend.incidents': '事件',
    'legend.status': '状态（填充色）',
    'legend.deadline': '时限（外圈）',
    'legend.onTime': '未超时 / 按时办结',
    'legend.dueSoon': '即将超时',
    'legend.overdue': '已超时 / 超时办结',
    'legend.cluster': '聚合圆圈：数量，颜色为其中最紧急的时限',
    'channel.app': 'App 随手拍',
    'channel.wechat': '微信小程序',
    'channel.hotline': '12345 热线',
    'channel.grid_worker': '网格员巡查',
    'channel.open311': 'Open311',
    'channel.import': '导入',
    'channel.other': '其他',
    'action.report': '上报',
    'action.register': '受理',
    'action.reject': '驳回',
    'action.dispatch': '派单',
    'action.accept': '接单',
    'action.return': '退回',
    'action.handle': '处置完成',
    'action.verify': '核查通过',
    'action.fail_verification': '核查不通过',
    'action.close': '办结',
    'action.reopen': '重新办理',
    'action.rate': '满意度评价',
    'reason.invalid': '无效信息',
    'reason.duplicate': '重复上报',
    'reason.not_our_matter': '不属于受理范围',
    'detail.close': '关闭',
    'detail.loading': '正在加载事件详情…',
    'detail.failed': '事件详情加载失败：{message}',
    'detail.tracking': '受理编号',
    'detail.matter': '事项',
    'detail.department': '责任部门',
    'detail.status': '状态',
    'detail.reportedAt': '上报时间',
    'detail.deadline': '办理时限',
    'detail.closedAt': '办结时间',
    'detail.grid': '网格',
    'detail.address': '地址',
    'detail.channel': '来源渠道',
    'detail.worker': '网格员',
    'detail.satisfaction': '满意度',
    'detail.description': '事件描述',
    'detail.reporter': '上报人',
    'detail.noReporter': '匿名上报',
    'detail.email': '邮箱',
    'detail.photos': '照片',
    'detail.photo': '照片 {n}',
    'detail.timeline': '办理过程',
    'detail.noTimeline': '暂无记录',
    'detail.actions': '办理',
    'detail.noActions': '当前状态下没有可办理的操作',
    'detail.otherRole': '需由{role}办理',
    'detail.note': '办理意见',
    'detail.notePlaceholder': '选填，记入办理过程',
    'detail.reason': '驳回原因',
    'detail.chooseReason': '请选择驳回原因',
    'detail.needNote': '「{action}」需要填写办理意见',
    'detail.dispatchTo': '派往部门',
    'detail.rating': '满意度评分',
    'detail.chooseRating': '请选择评分',
    'detail.stars': '{n} 分',
    'detail.sending': '正在提交…',
    'detail.done': '已{action}',
    'detail.refused': '操作未完成：{message}',
    'detail.stale': '该事件刚有新进展。',
    'detail.reload': '刷新',
    'detail.outside': '不在任何网格内（区级受理）',
    // the resident's page /lookup
    'lk.title': '我在哪个网格 · Gridmap',
    'lk.heading': '我在哪个网格',
    'lk.searchLabel': '搜索地址',
    'lk.searchPlaceholder': '输入小区、楼栋或地址，如“幸福小区3号楼”',
    'lk.suggestions': '地址建议',
    'lk.searching': '正在搜索…',
    'lk.noMatches': '没有找到匹配的地址，换个说法试试，或点击地图',
    'lk.searchFailed': '搜索失败：{message}',
    'lk.locate': '我的位置',
    'lk.locating': '正在获取您的位置…',
    'lk.geoUnsupported': '此浏览器不支持定位，请搜索地址或点击地图',
    'lk.geoDenied': '未获得定位权限：请在浏览器中允许定位，或搜索地址、点击地图',
    'lk.geoFailed': '无法获取您的位置：{message}',
    'lk.mapLabel': '地图：点击查询该位置所属网格',
    'lk.mapHint': '点击地图，查询该位置所属网格',
    'lk.answerTitle': '查询结果',
    'lk.intro': '搜索地址、点击地图或使用“我的位置”，即可查看所属网格、网格员电话和最近的服务驿站。',
    'lk.loading': '正在查询…',
    'lk.failed': '查询失败：{message}',
    'lk.outside': '这个位置不在本区任何网格内。',
    'lk.outsideHint': '请确认位置是否正确，或换个位置再试。',
    'lk.gridNotFound': '没有找到编码为 {code} 的网格。',
    'lk.yourGrid': '您所在的网格',
    'lk.address': '地址',
    'lk.point': '位置',
    'lk.lonLat': '东经 {lon}°，北纬 {lat}°',
    'lk.district': '区/县',
    'lk.staff': '网格员',
    'lk.hotline': '服务热线',
    'lk.duties': '网格职责',
    'lk.station': '最近的服务驿站',
    'lk.distance': '距离约 {distance}',
    'lk.metres': '{n} 米',
    'lk.kilometres': '{n} 公里',
    'lk.reportHere': '在这里反映问题',
    'rp.title': '反映问题',
    'rp.intro': '随手拍、一键上报：说明问题和位置，网格员会及时处理。',
    'rp.matter': '问题类别',
    'rp.chooseMatter': '请选择问题类别',
    'rp.mattersFailed': '问题类别加载失败：{message}',
    'rp.description': '问题描述',
    'rp.descriptionPlaceholder': '发生了什么？具体在哪里？',
    'rp.photos': '照片（选填，最多 5 张）',
    'rp.tooManyPhotos': '最多只能上传 5 张照片',
    'rp.needDescription': '请填写问题描述',
    'rp.location': '位置',
    'rp.noLocation': '请先搜索地址、点击地图或使用“我的位置”选定位置',
    'rp.locationHint': '点击地图可修改位置',
    'rp.name': '姓名（选填）',
    'rp.phone': '联系电话（选填，只有工作人员可见）',
    'rp.submit': '提交',
    'rp.sending': '正在提交…',
    'rp.failed': '提交失败：{message}',
    'rp.done': '已提交，感谢您的反映！',
    'rp.trackingCode': '查询码',
    'rp.keepCode': '请保存查询码，凭它查询办理进度。',
    'rp.follow': '查询办理进度',
    'rp.deadline': '办理时限',
    'rp.assignedGrid': '受理网格',
    'rp.noGrid': '该位置不在任何网格内，将由区级平台受理。',
    'rp.another': '再反映一个问题',
    'tr.title': '查询进度',
    'tr.label': '查询码',
    'tr.placeholder': '如 GM20261123-4F7K2Q',
    'tr.submit': '查询',
    'tr.loading': '正在查询…',
    'tr.failed': '查询失败：{message}',
    'tr.notFound': '没有找到这个查询码，请核对后再试。',
    'tr.matter': '事项',
    'tr.department': '责任部门',
    'tr.status': '办理状态',
    'tr.deadlineState': '时限',
    'tr.reportedAt': '上报时间',
    'tr.deadline': '办理时限',
    'tr.closedAt': '办结时间',
    'tr.grid': '所属网格',
    'tr.timeline': '办理过程',
    'tr.rated': '已评价',
    'ts.reported': '已受理',
    'ts.registered': '已登记',
    'ts.rejected': '未予受理',
    'ts.dispatched': '已派单',
    'ts.handling': '处理中',
    'ts.handled': '已处理',
    'ts.verified': '已核实',
    'ts.closed': '已办结',
    // notice board 网格公示牌 (/board)
    'board.title': '网格公示牌',
    'board.heading': '网格公示牌',
    'board.motto': '小事不出网格 · 大事不出社区',
    'board.code': '网格编码',
    'board.map': '网格范围示意图（圆圈数字为附近服务驿站）',
    'board.hotline': '服务热线',
    'board.staff': '网格工作人员及职责',
    'board.duties': '网格员职责',
    'board.stations': '附近服务驿站',
    'board.metres': '{n} 米',
    'board.km': '{n} 公里',
    'board.hoursValue': '开放 {hours}',
    'board.qr': '扫码查询网格',
    'board.qrFailed': '二维码加载失败',
    'board.footer': '有事找网格：请联系本网格网格员或拨打服务热线',
    'board.printed': '打印日期：{date}',
    'board.print': '打印',
    'board.size': '纸张大小',
    'board.loading': '正在加载公示牌…',
    'board.failed': '公示牌加载失败：{message}',
    'board.count': '共 {count} 块公示牌',
    'board.noCode': '请在地址中给出网格编码（/board/网格编码），或 ?street=街道编码 / ?community=社区编码',
  },
  en: {
    'app.title': 'Gridmap grid map',
    'app.name': 'Grid map',
    'app.tagline': 'Community grid governance: see every grid of the district with its boundary, grid workers and service stations; click a grid for its notice board.',
    'map.title': 'Dispatch map',
    'nav.home': 'Home',
    'nav.map': 'Map',
    'nav.ogc': 'OGC API',
    'nav.lookup': 'Grid lookup API example',
    'nav.health': 'Health',
    'lang.switch': '中文',
    'lang.switchLabel': '切换到中文',
    'layer.osm': 'OpenStreetMap',
    'layer.blank': 'Blank',
    'layer.grids': 'Grids',
    'layer.streets': 'Street boundaries',
    'layer.stations': 'Service stations',
    'legend.title': 'Streets / townships',
    'status.loading': 'Loading grids…',
    'status.count': '{count} grids',
    'status.failed': 'Could not load {what}: {message}',
    'status.network': 'network error',
    'what.grids': 'grids',
    'what.streets': 'street boundaries',
    'what.stations': 'service stations',
    'grid.code': 'Grid code',
    'grid.type': 'Type',
    'grid.households': 'Households',
    'grid.population': 'Population',
    'grid.community': 'Community',
    'grid.street': 'Street',
    'grid.staff': 'Notice board',
    'grid.noStaff': 'No staff published',
    'grid.hotline': 'Service hotline',
    'grid.call': 'Call {phone}',
    'type.urban': 'Urban grid',
    'type.rural': 'Rural grid',
    'type.special': 'Special grid',
    'role.grid_head': 'Grid head',
    'role.full_time': 'Full-time grid worker',
    'role.part_time': 'Part-time grid worker',
    'role.party_leader': 'Party group leader',
    'role.police': 'Police officer',
    'role.property': 'Property grid worker',
    'role.mediator': 'Mediator',
    'role.other': 'Other',
    'station.type': 'Type',
    'station.address': 'Address',
    'station.hours': 'Opening hours',
    'station.phone': 'Phone',
    'station.services': 'Services',
    'inc.count': '{count} incidents',
    'inc.countOf': '{count} incidents (of {total})',
    'inc.loading': 'Loading incidents…',
    'inc.failed': 'Could not load incidents: {message}',
    'inc.what': 'incidents',
    'inc.layer': 'Incidents',
    'inc.live': 'Live',
    'inc.offline': 'Live updates interrupted, reconnecting…',
    'inc.newArrived': 'New incident: {matter}',
    'inc.updated': 'Incident updated: {matter}',
    'filter.title': 'Filter incidents',
    'filter.toggle': 'Filters',
    'filter.status': 'Status',
    'filter.matter': 'Matter',
    'filter.department': 'Department',
    'filter.street': 'Street / township',
    'filter.grid': 'Grid code',
    'filter.gridPlaceholder': 'e.g. 230402001001001',
    'filter.from': 'Reported from',
    'filter.to': 'to',
    'filter.defaultWindow': 'Empty: the last 90 days',
    'filter.overdue': 'Overdue only',
    'filter.all': 'All',
    'filter.reset': 'Reset filters',
    'acting.title': 'Acting as',
    'acting.name': 'Name',
    'acting.role': 'Role',
    'acting.defaultName': '调度员',
    'actor.dispatcher': 'Dispatcher',
    'actor.department': 'Department',
    'actor.grid_worker': 'Grid worker',
    'actor.public': 'Resident',
    'actor.system': 'System',
    'actor.admin': 'Administrator',
    'status.reported': 'Reported',
    'status.registered': 'Registered',
    'status.rejected': 'Rejected',
    'status.dispatched': 'Dispatched',
    'status.handling': 'Handling',
    'status.handled': 'Handled',
    'status.verified': 'Verified',
    'status.closed': 'Closed',
    'group.new': 'New',
    'group.progress': 'In progress',
    'group.done': 'Closed',
    'group.rejected': 'Rejected',
    'deadline.on_time': 'On time',
    'deadline.due_soon': 'Due soon',
    'deadline.overdue': 'Overdue',
    'deadline.met': 'Closed on time',
    'deadline.missed': 'Closed late',
    'deadline.left': '{time} left',
    'deadline.over': 'overdue by {time}',
    'duration.d': '{n} d',
    'duration.h': '{n} h',
    'duration.m': '{n} min',
    'legend.incidents': 'Incidents',
    'legend.status': 'Status (fill)',
    'legend.deadline': 'Deadline (ring)',
    'legend.onTime': 'On time / closed on time',
    'legend.dueSoon': 'Due soon',
    'legend.overdue': 'Overdue / closed late',
    'legend.cluster': 'Clusters: count, coloured by the most urgent deadline inside',
    'channel.app': 'App snapshot',
    'channel.wechat': 'WeChat mini-program',
    'channel.hotline': '12345 hotline',
    'channel.grid_worker': 'Grid worker patrol',
    'channel.open311': 'Open311',
    'channel.import': 'Import',
    'channel.other': 'Other',
    'action.report': 'Report',
    'action.register': 'Register',
    'action.reject': 'Reject',
    'action.dispatch': 'Dispatch',
    'action.accept': 'Accept',
    'action.return': 'Return',
    'action.handle': 'Mark handled',
    'action.verify': 'Verify',
    'action.fail_verification': 'Fail verification',
    'action.close': 'Close',
    'action.reopen': 'Reopen',
    'action.rate': 'Rate',
    'reason.invalid': 'Invalid',
    'reason.duplicate': 'Duplicate',
    'reason.not_our_matter': 'Not our matter',
    'detail.close': 'Close',
    'detail.loading': 'Loading the incident…',
    'detail.failed': 'Could not load the incident: {message}',
    'detail.tracking': 'Tracking code',
    'detail.matter': 'Matter',
    'detail.department': 'Department',
    'detail.status': 'Status',
    'detail.reportedAt': 'Reported',
    'detail.deadline': 'Deadline',
    'detail.closedAt': 'Closed',
    'detail.grid': 'Grid',
    'detail.address': 'Address',
    'detail.channel': 'Channel',
    'detail.worker': 'Grid worker',
    'detail.satisfaction': 'Satisfaction',
    'detail.description': 'Description',
    'detail.reporter': 'Reporter',
    'detail.noReporter': 'Anonymous',
    'detail.email': 'Email',
    'detail.photos': 'Photos',
    'detail.photo': 'Photo {n}',
    'detail.timeline': 'Timeline',
    'detail.noTimeline': 'No steps yet',
    'detail.actions': 'Actions',
    'detail.noActions': 'No action is possible in this state',
    'detail.otherRole': 'For the {role}',
    'detail.note': 'Note',
    'detail.notePlaceholder': 'Optional, goes into the timeline',
    'detail.reason': 'Reason',
    'detail.chooseReason': 'Choose a reason for rejecting',
    'detail.needNote': '“{action}” needs a note saying what was done or found',
    'detail.dispatchTo': 'Dispatch to',
    'detail.rating': 'Rating',
    'detail.chooseRating': 'Choose a rating',
    'detail.stars': '{n} of 5',
    'detail.sending': 'Sending…',
    'detail.done': 'Done: {action}',
    'detail.refused': 'Not done: {message}',
    'detail.stale': 'This incident has just changed.',
    'detail.reload': 'Reload',
    'detail.outside': 'Outside every grid (district desk)',
    // the resident's page /lookup
    'lk.title': 'Which grid am I in? · Gridmap',
    'lk.heading': 'Which grid am I in?',
    'lk.searchLabel': 'Search an address',
    'lk.searchPlaceholder': 'A compound, building or address, e.g. 幸福小区3号楼',
    'lk.suggestions': 'Address suggestions',
    'lk.searching': 'Searching…',
    'lk.noMatches': 'No matching address; try other words, or tap the map',
    'lk.searchFailed': 'Search failed: {message}',
    'lk.locate': 'My location',
    'lk.locating': 'Finding your location…',
    'lk.geoUnsupported': 'This browser cannot give your location; search an address or tap the map',
    'lk.geoDenied': 'No permission to use your location: allow it in the browser, or search an address or tap the map',
    'lk.geoFailed': 'Could not find your location: {message}',
    'lk.mapLabel': 'Map: tap to find the grid of that place',
    'lk.mapHint': 'Tap the map to find the grid of that place',
    'lk.answerTitle': 'Answer',
    'lk.intro': 'Search an address, tap the map or use “My location” to see your grid, whom to call and the nearest service station.',
    'lk.loading': 'Looking up…',
    'lk.failed': 'Lookup failed: {message}',
    'lk.outside': 'This place is not in any grid of this district.',
    'lk.outsideHint': 'Check the place, or try another one.',
    'lk.gridNotFound': 'There is no grid with code {code}.',
    'lk.yourGrid': 'Your grid',
    'lk.address': 'Address',
    'lk.point': 'Place',
    'lk.lonLat': '{lat}° N, {lon}° E',
    'lk.district': 'District',
    'lk.staff': 'Grid staff',
    'lk.hotline': 'Service hotline',
    'lk.duties': 'Duties',
    'lk.station': 'Nearest service station',
    'lk.distance': 'about {distance} away',
    'lk.metres': '{n} m',
    'lk.kilometres': '{n} km',
    'lk.reportHere': 'Report a problem here',
    'rp.title': 'Report a problem',
    'rp.intro': 'Snap and report: say what is wrong and where, and your grid worker will see to it.',
    'rp.matter': 'Category',
    'rp.chooseMatter': 'Choose a category',
    'rp.mattersFailed': 'Could not load the categories: {message}',
    'rp.description': 'Description',
    'rp.descriptionPlaceholder': 'What happened? Where exactly?',
    'rp.photos': 'Photos (optional, up to 5)',
    'rp.tooManyPhotos': 'At most 5 photos',
    'rp.needDescription': 'Please describe the problem',
    'rp.location': 'Place',
    'rp.noLocation': 'First search an address, tap the map or use “My location”',
    'rp.locationHint': 'Tap the map to change the place',
    'rp.name': 'Name (optional)',
    'rp.phone': 'Phone (optional, seen by staff only)',
    'rp.submit': 'Submit',
    'rp.sending': 'Sending…',
    'rp.failed': 'Not submitted: {message}',
    'rp.done': 'Submitted. Thank you!',
    'rp.trackingCode': 'Tracking code',
    'rp.keepCode': 'Keep this code to follow your report.',
    'rp.follow': 'Follow this report',
    'rp.deadline': 'Due by',
    'rp.assignedGrid': 'Grid',
    'rp.noGrid': 'This place is in no grid; the district desk will handle it.',
    'rp.another': 'Report another problem',
    'tr.title': 'Track a report',
    'tr.label': 'Tracking code',
    'tr.placeholder': 'e.g. GM20261123-4F7K2Q',
    'tr.submit': 'Track',
    'tr.loading': 'Looking up…',
    'tr.failed': 'Could not track the report: {message}',
    'tr.notFound': 'No report has this tracking code; please check it.',
    'tr.matter': 'Matter',
    'tr.department': 'Department',
    'tr.status': 'Status',
    'tr.deadlineState': 'Deadline',
    'tr.reportedAt': 'Reported',
    'tr.deadline': 'Due by',
    'tr.closedAt': 'Closed',
    'tr.grid': 'Grid',
    'tr.timeline': 'Progress',
    'tr.rated': 'Rated',
    'ts.reported': 'Reported',
    'ts.registered': 'Registered',
    'ts.rejected': 'Not accepted',
    'ts.dispatched': 'Dispatched',
    'ts.handling': 'Being handled',
    'ts.handled': 'Handled',
    'ts.verified': 'Verified',
    'ts.closed': 'Closed',
    // notice board (/board); duty.* translate the six core duties stored in Chinese
    'board.title': 'Grid notice board',
    'board.heading': 'Grid Notice Board',
    'board.motto': 'Small matters stay in the grid, big ones in the community',
    'board.code': 'Grid code',
    'board.map': 'Map of the grid (circled numbers: nearby service stations)',
    'board.hotline': 'Service hotline',
    'board.staff': "The grid's staff and their duties",
    'board.duties': "Grid workers' duties",
    'board.stations': 'Nearby service stations',
    'board.metres': '{n} m',
    'board.km': '{n} km',
    'board.hoursValue': 'open {hours}',
    'board.qr': 'Scan to look up your grid',
    'board.qrFailed': 'The QR code did not load',
    'board.footer': 'Need help? Call your grid worker or the service hotline',
    'board.printed': 'Printed {date}',
    'board.print': 'Print',
    'board.size': 'Paper size',
    'board.loading': 'Loading the notice board…',
    'board.failed': 'Could not load the notice board: {message}',
    'board.count': '{count} notice boards',
    'board.noCode': 'Give a grid code in the address (/board/CODE), or ?street=CODE / ?community=CODE',
    'duty.基础信息采集': 'Basic information collection',
    'duty.社情民意收集': 'Public opinion collection',
    'duty.政策法规宣传': 'Policy and law publicity',
    'duty.安全隐患排查': 'Safety hazard inspection',
    'duty.矛盾纠纷调解': 'Dispute mediation',
    'duty.特殊人群关爱': 'Care for special groups',
  },
};

const listeners = [];

function stored() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch (e) {
    return null;
  }
}

function store(lang) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch (e) {
    // storage disabled: the choice lasts for this page only
  }
}

function initialLang() {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (LANGS.includes(fromUrl)) {
    store(fromUrl);
    return fromUrl;
  }
  const remembered = stored();
  return LANGS.includes(remembered) ? remembered : 'zh';
}

let lang = initialLang();

/** The current language, 'zh' or 'en'. */
export function currentLang() {
  return lang;
}

/** The BCP 47 tag of the current language, for <html lang> and number formatting. */
export function locale() {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** The message for key with {name} placeholders filled from vars (plain text). */
export function t(key, vars) {
  const table = MESSAGES[lang];
  let text = key in table ? table[key] : (MESSAGES.zh[key] ?? key);
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  }
  return text;
}

/** Label of a notice-board role code (grid_head → 网格长); unknown codes show as given. */
export function roleLabel(role) {
  const key = 'role.' + role;
  return key in MESSAGES[lang] ? t(key) : String(role ?? '');
}

/** Label of a grid type code (urban, rural, special). */
export function typeLabel(type) {
  const key = 'type.' + type;
  return key in MESSAGES[lang] ? t(key) : String(type ?? '');
}

/** Label of a code under a message prefix (status.closed, action.register…); unknown codes show as given. */
export function codeLabel(prefix, code) {
  const key = prefix + '.' + code;
  return key in MESSAGES[lang] ? t(key) : String(code ?? '');
}

/** Formats an ISO instant as local date and time for the current language ('' when absent). */
export function formatDateTime(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return date.toLocaleString(locale(), {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  });
}

/** A duration in milliseconds as days, hours and minutes (the two largest non-zero parts). */
export function formatDuration(ms) {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60000));
  const parts = [
    ['duration.d', Math.floor(minutes / 1440)],
    ['duration.h', Math.floor((minutes % 1440) / 60)],
    ['duration.m', minutes % 60],
  ];
  const first = parts.findIndex(([, n]) => n > 0);
  if (first < 0) {
    return t('duration.m', { n: 0 });
  }
  return parts.slice(first, first + 2).filter(([, n]) => n > 0)
    .map(([key, n]) => t(key, { n })).join(lang === 'zh' ? '' : ' ');
}

/** Formats a number for the current language. */
export function formatNumber(n) {
  return typeof n === 'number' ? n.toLocaleString(locale()) : String(n ?? '–');
}

/** Sets textContent of every [data-i18n] element (and aria-label of [data-i18n-label]). */
export function applyTranslations(root = document) {
  document.documentElement.lang = locale();
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel));
    el.title = t(el.dataset.i18nLabel);
  });
  const title = document.querySelector('title[data-i18n-title]');
  if (title) {
    document.title = t(title.dataset.i18nTitle);
  }
}

/** Switches language: remembers it, updates the URL's lang parameter, re-labels the page. */
export function setLang(next) {
  if (!LANGS.includes(next) || next === lang) {
    return;
  }
  lang = next;
  store(next);
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', next);
    window.history.replaceState(null, '', url);
  }
  applyTranslations();
  listeners.forEach((fn) => fn(next));
}

/** Calls fn(lang) after every language switch. */
export function onLangChange(fn) {
  listeners.push(fn);
}
