import { Injectable } from '@nestjs/common';
import { DeliveryReconciler, type ReconcileResult } from '#libs/reminders';

/** Every minute: deliveries the database holds as pending and Redis has no job for are queued again. */
@Injectable()
export class DeliveryReconcileProcessor {
  constructor(private readonly reconciler: DeliveryReconciler) {}

  process(): Promise<ReconcileResult> {
    return this.reconciler.reconcile();
  }
}
