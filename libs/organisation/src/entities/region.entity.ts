import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type RegionLevel = 'province' | 'city' | 'county';

@Entity('region')
export class Region {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column() name: string;
  @Column({ name: 'short_name', type: 'varchar', nullable: true }) shortName: string | null;
  /** Other ways documents write it (恩施州); the short name is not repeated here. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) aliases: string[];
  @Column({ type: 'varchar' }) level: RegionLevel;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column() coastal: boolean;
  @Column({ name: 'has_ftz' }) hasFtz: boolean;
  @Column({ name: 'has_special_customs_zone' }) hasSpecialCustomsZone: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
