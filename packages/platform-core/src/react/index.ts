// The React entry of platform-core: needs `react` (an optional peer dependency).
export type {
  ReactiveProjectionOptions,
  ReactiveProjectionResult,
} from "./useReactiveProjection.js";
export { useReactiveProjection } from "./useReactiveProjection.js";
