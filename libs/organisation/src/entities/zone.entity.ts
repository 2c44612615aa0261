import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ZONE_KINDS = ['ftz', 'ftz_area', 'special_customs_zone', 'new_area', 'group'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];
export const ZONE_KIND_LABELS: Record<ZoneKind, string> = {
  ftz: '自贸试验区',
  ftz_area: '自贸试验区片区',
  special_customs_zone: '海关特殊监管区域',
  new_area: '国家级新区',
  group: '试点地区名单',
};

/**
 * An area below or across the administrative divisions that scopes name: an FTZ and its 片区, a special customs
 * supervision zone, a national new area (each in one region), or a named group of regions (沿海开放城市).
 */
@Entity('zone')
export class Zone {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'varchar' }) kind: ZoneKind;
  /** 综合保税区, 保税港区, 保税区 for a special customs supervision zone. */
  @Column({ name: 'zone_type', type: 'varchar', nullable: true }) zoneType: string | null;
  @Column({ type: 'text', array: true }) aliases: string[];
  /** The FTZ of a 片区. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ name: 'region_id', type: 'uuid', nullable: true }) regionId: string | null;
  @Column({ name: 'member_region_ids', type: 'uuid', array: true }) memberRegionIds: string[];
  @Column({ type: 'text', array: true }) sources: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
