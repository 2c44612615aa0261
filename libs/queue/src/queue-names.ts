/** Every BullMQ queue of the product. The api only produces; apps/worker consumes. */
export enum QueueName {
  Reminders = 'reminders',
  Notifications = 'notifications',
  Deliveries = 'deliveries',
  /** Audit housekeeping: chaining committed audit rows (seal) and the retention purge. */
  Audit = 'audit',
}
