import { ConflictException, ForbiddenException, Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '#libs/audit';
import { badField, type AuthUser } from '#libs/common';
import { canWriteRollout, RolloutService } from '#libs/rollout';
import type { UploadEvidenceDto } from './dto/evidence.dto.js';
import { EvidenceFile } from './entities/evidence-file.entity.js';
import { ProgressReport } from './entities/progress-report.entity.js';
import { EvidenceStorage } from './evidence-storage.js';
import { canUploadTaskEvidence } from './rules/progress-access.policy.js';
import { contentDisposition, detectEvidenceType, safeFileName, type EvidencePurpose } from './rules/evidence-type.js';
import { EDITABLE_REPORT_STATUSES } from './rules/report-status.machine.js';
import { loadTaskFacts, requireRead, type TaskFacts } from './task-facts.js';
import { toEvidenceView, type EvidenceView } from './progress.view.js';

/** What multer's memory storage hands over; only these fields are used. */
export interface UploadedEvidence {
  originalname: string;
  buffer: Buffer;
}

@Injectable()
export class EvidenceService {
  constructor(
    @InjectRepository(EvidenceFile) private readonly files: Repository<EvidenceFile>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly rollouts: RolloutService,
    private readonly storage: EvidenceStorage,
  ) {}

  async upload(taskId: string, file: UploadedEvidence | undefined, dto: UploadEvidenceDto, user: AuthUser): Promise<EvidenceView> {
    const task = await loadTaskFacts(this.dataSource.manager, taskId);
    requireRead(user, task);
    const purpose: EvidencePurpose = dto.purpose ?? (dto.rolloutId ? 'rollout' : 'progress');
    await this.requireUpload(user, task, purpose, dto);
    if (dto.reportId) await this.checkReport(taskId, purpose, dto.reportId);
    if (!file) throw badField('file', '请选择要上传的文件（表单字段 file） (file is required: send it as the multipart field "file")');
    const type = detectEvidenceType(file.originalname, file.buffer);
    if (!type.ok) throw badField('file', type.message);

    const stored = await this.storage.put(file.buffer);
    const saved = await this.dataSource.transaction(async (m) => {
      const row = await m.save(
        EvidenceFile,
        m.create(EvidenceFile, {
          taskId,
          reportId: dto.reportId ?? null,
          rolloutId: dto.rolloutId ?? null,
          purpose,
          originalName: safeFileName(file.originalname, type.extension),
          storageKey: stored.storageKey,
          mimeType: type.mimeType,
          sizeBytes: file.buffer.length,
          sha256: stored.sha256,
          uploadedBy: user.id,
        }),
      );
      await this.audit.record(m, { actor: user, entityType: 'evidence_file', entityId: row.id, action: 'upload', after: row });
      return row;
    });
    return toEvidenceView(saved);
  }

  async list(taskId: string, user: AuthUser): Promise<EvidenceView[]> {
    requireRead(user, await loadTaskFacts(this.dataSource.manager, taskId));
    const rows = await this.files.find({ where: { taskId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
    return rows.map(toEvidenceView);
  }

  /** The file itself, for whoever may read the task (everyone in its province). */
  async download(id: string, user: AuthUser): Promise<StreamableFile> {
    const notFound = `佐证材料不存在 (evidence file ${id} not found)`;
    const file = await this.files.findOneBy({ id });
    if (!file) throw new NotFoundException(notFound);
    requireRead(user, await loadTaskFacts(this.dataSource.manager, file.taskId), notFound);
    const stream = await this.storage.open(file.storageKey);
    return new StreamableFile(stream, { type: file.mimeType, length: file.sizeBytes, disposition: contentDisposition(file.originalName) });
  }

  /** Rollout evidence is the city's (or the coordinator's); progress and completion evidence the lead's (or the coordinator's). */
  private async requireUpload(user: AuthUser, task: TaskFacts, purpose: EvidencePurpose, dto: UploadEvidenceDto): Promise<void> {
    if (purpose !== 'rollout') {
      if (dto.rolloutId) throw badField('rolloutId', 'rolloutId 只用于承接落实佐证 (rolloutId is only for purpose=rollout)');
      if (!canUploadTaskEvidence(user, task)) throw new ForbiddenException('只有牵头部门或省商务厅可以上传佐证材料 (only the lead department or the coordinator can upload evidence)');
      return;
    }
    if (!dto.rolloutId) throw badField('rolloutId', '承接落实佐证须指定 rolloutId (rolloutId is required for purpose=rollout)');
    const rollout = await this.rollouts.accessFacts(dto.rolloutId).catch((error: unknown) => {
      throw error instanceof NotFoundException ? badField('rolloutId', `rolloutId ${dto.rolloutId} does not exist`) : error;
    });
    if (rollout.taskId !== task.id) throw badField('rolloutId', 'rolloutId 不属于该任务 (rolloutId belongs to another task)');
    if (!canWriteRollout(user, rollout)) throw new ForbiddenException('只有本市商务部门或省商务厅可以上传该市的承接落实佐证 (only the city itself or the coordinator can upload this evidence)');
  }

  private async checkReport(taskId: string, purpose: EvidencePurpose, reportId: string): Promise<void> {
    if (purpose !== 'progress') throw badField('reportId', 'reportId 只用于进展佐证 (reportId is only for purpose=progress)');
    const report = await this.dataSource.manager.findOne(ProgressReport, { where: { id: reportId }, select: { id: true, taskId: true, status: true } });
    if (!report || report.taskId !== taskId) throw badField('reportId', 'reportId 不是该任务的进展报告 (reportId is not a report of this task)');
    if (!EDITABLE_REPORT_STATUSES.includes(report.status)) {
      throw new ConflictException('进展报告已报送，不能再添加佐证材料 (the report has been submitted: evidence can no longer be added to it)');
    }
  }
}
