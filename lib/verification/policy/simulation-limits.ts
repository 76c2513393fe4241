/** How many blocked employees the simulation lists (the counts cover everyone). Shared with the page. */
export const SIMULATION_BLOCKED_LIMIT = 50;
