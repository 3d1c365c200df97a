export { plannedRoute, registerDashboard } from './plugin';
export type { Authenticate, Dashboard, DashboardDeps, Viewer } from './plugin';
export { TrackingIndex, rowOf } from './store';
export type { Change, Row } from './store';
export { fold } from './search';
export { isLate, overdueGroups, receivedDocuments, sees, sentDocuments, statistics } from './views';
export type { SentDocumentRows } from './views';
export type {
  DocumentQuery,
  DocumentSummary,
  OverdueGroup,
  OverdueItem,
  ReceivedItem,
  StatisticsView,
} from './views';
export { bearerAuthenticator, dashboardPlugin, hostSession } from './mount';
export type { DashboardHost, DashboardPlugin, DashboardPluginOptions } from './mount';
