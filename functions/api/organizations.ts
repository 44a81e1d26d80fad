import { routeGroup } from '../../shared/http/endpoint.ts';

// Routes of this group are being written.
export const { endpoints, handler } = routeGroup([]);
