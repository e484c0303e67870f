import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Rel } from '@mikro-orm/core';
import { User } from '../user/user.entity.js';

/**
 * A photo (or signature) uploaded by a device, stored on disk by the SHA-256 of the bytes the
 * device sent: the same photo uploaded twice is one row and one file.
 */
@Entity()
export class Upload {
  /** SHA-256 (hex) of the uploaded bytes: how records name their photos. */
  @PrimaryKey({ type: 'string', length: 64 })
  sha256!: string;

  /** Type found from the magic bytes: image/jpeg, image/png, image/webp, image/heic. */
  @Property({ type: 'string', length: 32 })
  mime!: string;

  /** Size of the uploaded file. */
  @Property({ type: 'integer' })
  bytes!: number;

  @Property({ type: 'integer' })
  width!: number;

  @Property({ type: 'integer' })
  height!: number;

  /** Capture time from the photo's EXIF, kept when the metadata is stripped. */
  @Property({ type: 'datetime', nullable: true })
  capturedAt: Date | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  latitude: number | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  longitude: number | null = null;

  @ManyToOne(() => User, { nullable: true })
  uploadedBy: Rel<User> | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
